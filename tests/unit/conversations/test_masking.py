import pytest

from borderless.conversations.masking import MASK, mask_contacts


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我的电话13812345678", "phone"),
        ("打我手机 138 1234 5678 吧", "phone"),
        ("138-1234-5678", "phone"),
        ("+86 139 0000 1111", "phone"),
        ("+8613900001111", "phone"),
        ("(+86)15012345678", "phone"),
        ("００８６１３８１２３４５６７８", "phone"),
        ("call (415) 555-0134", "phone"),
        ("call +1 415-555-0134", "phone"),
        ("415.555.0134", "phone"),
        ("text 4155550134", "phone"),
        ("座机 010-12345678", "phone"),
        ("加微信 tea_lover88", "wechat"),
        ("wx: honey2024", "wechat"),
        ("VX号：ginseng_shop", "wechat"),
        ("微信号是 abc12345", "wechat"),
        ("wechat id farmer-joe", "wechat"),
        ("mail me at joe@farm.com", "email"),
        ("joe＠farm．com", "email"),
        ("joe at farm dot com", "email"),
        ("joe(at)farm(dot)com", "email"),
    ],
)
def test_contact_details_are_masked(text, kind):
    masked = mask_contacts(text)
    assert kind in masked.kinds
    assert MASK in masked.text
    for digits in ("1234", "0134", "5678", "1111"):
        if digits in text:
            assert digits not in masked.text


@pytest.mark.parametrize(
    "text",
    [
        "订单号 20260101123 什么时候发货？",
        "每盒129.50元，买3盒",
        "净含量 500 g, 12 oz",
        "Delivered on 2026-12-07 at 10:30",
        "保质期24个月",
        "微笑服务",  # 微 is not a WeChat id when no id follows
        "Order 3 of 10, weight 1.5 kg",
        "Grade A, SKU GIN-0042",
    ],
)
def test_ordinary_text_is_left_alone(text):
    masked = mask_contacts(text)
    assert masked.text == text
    assert masked.kinds == ()


def test_only_the_contact_is_replaced_and_full_width_text_kept():
    masked = mask_contacts("你好，１件就好。电话13812345678，谢谢")
    assert masked.text == f"你好，１件就好。电话{MASK}，谢谢"
    assert masked.kinds == ("phone",)


def test_wechat_word_kept_id_masked_and_every_kind_reported():
    masked = mask_contacts("微信 tea_lover88 或 joe@farm.com 或 13812345678")
    assert masked.text == f"微信 {MASK} 或 {MASK} 或 {MASK}"
    assert masked.kinds == ("phone", "wechat", "email")
