"""Precision and recall of the contact-detail masking on messages written apart from its rules."""

from pathlib import Path

from borderless.conversations.masking import mask_contacts

DATA = Path(__file__).parents[2] / "data" / "conversations" / "contacts_heldout.tsv"


def _rows():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, text = line.split("\t", 1)
            yield label == "1", text


def test_precision_and_recall_on_held_out_messages(record_property):
    tp = fp = fn = tn = 0
    for has_contact, text in _rows():
        found = mask_contacts(text).changed
        tp += found and has_contact
        fp += found and not has_contact
        fn += has_contact and not found
        tn += not found and not has_contact
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    record_property("masking", {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn})
    print(
        f"masking held-out: precision {precision:.3f} recall {recall:.3f} (tp {tp} fp {fp} fn {fn} tn {tn})"
    )
    assert tp + fn >= 20 and fp + tn >= 20
    assert precision >= 0.95
    assert recall >= 0.9
