"""Entries and transactions are append-only; a hold changes once (pending -> posted or voided); an entry's
currency is its account's. Enforced by the database itself, so no code path (raw SQL, admin, shell) can
rewrite history."""

from django.db import migrations

POSTGRES = [
    """
    CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'ledger: % on % refused, the journal is append-only (post a correction instead)',
            TG_OP, TG_TABLE_NAME;
    END $$
    """,
    """
    CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    """
    CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    """
    CREATE FUNCTION ledger_entry_currency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.currency IS DISTINCT FROM (SELECT currency FROM ledger_account WHERE id = NEW.account_id) THEN
            RAISE EXCEPTION 'ledger: entry in % on an account of another currency', NEW.currency;
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER ledger_entry_currency BEFORE INSERT ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_currency()
    """,
    """
    CREATE FUNCTION ledger_hold_resolves_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR OLD.state <> 'pending'
           OR NEW.amount_minor <> OLD.amount_minor OR NEW.currency <> OLD.currency
           OR NEW.debit_account_id <> OLD.debit_account_id OR NEW.credit_account_id <> OLD.credit_account_id
        THEN
            RAISE EXCEPTION 'ledger: % on hold % refused, a hold resolves once and is never rewritten',
                TG_OP, OLD.id;
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER ledger_hold_resolves_once BEFORE UPDATE OR DELETE ON ledger_hold
    FOR EACH ROW EXECUTE FUNCTION ledger_hold_resolves_once()
    """,
]

POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS ledger_hold_resolves_once ON ledger_hold",
    "DROP TRIGGER IF EXISTS ledger_entry_currency ON ledger_entry",
    "DROP TRIGGER IF EXISTS ledger_transaction_append_only ON ledger_transaction",
    "DROP TRIGGER IF EXISTS ledger_entry_append_only ON ledger_entry",
    "DROP FUNCTION IF EXISTS ledger_hold_resolves_once()",
    "DROP FUNCTION IF EXISTS ledger_entry_currency()",
    "DROP FUNCTION IF EXISTS ledger_refuse_change()",
]


def _refuse(table: str, op: str) -> str:
    return (
        f"CREATE TRIGGER ledger_{table}_no_{op.lower()} BEFORE {op} ON ledger_{table} "
        f"BEGIN SELECT RAISE(ABORT, 'ledger: {op} on ledger_{table} refused, the journal is append-only'); END"
    )


SQLITE = [
    _refuse("entry", "UPDATE"),
    _refuse("entry", "DELETE"),
    _refuse("transaction", "UPDATE"),
    _refuse("transaction", "DELETE"),
    "CREATE TRIGGER ledger_entry_currency BEFORE INSERT ON ledger_entry "
    "WHEN NEW.currency IS NOT (SELECT currency FROM ledger_account WHERE id = NEW.account_id) "
    "BEGIN SELECT RAISE(ABORT, 'ledger: entry currency differs from its account'); END",
    "CREATE TRIGGER ledger_hold_resolves_once BEFORE UPDATE ON ledger_hold "
    "WHEN OLD.state <> 'pending' OR NEW.amount_minor <> OLD.amount_minor OR NEW.currency <> OLD.currency "
    "OR NEW.debit_account_id <> OLD.debit_account_id OR NEW.credit_account_id <> OLD.credit_account_id "
    "BEGIN SELECT RAISE(ABORT, 'ledger: a hold resolves once and is never rewritten'); END",
    "CREATE TRIGGER ledger_hold_no_delete BEFORE DELETE ON ledger_hold "
    "BEGIN SELECT RAISE(ABORT, 'ledger: holds are never deleted'); END",
]

SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "ledger_entry_no_update",
        "ledger_entry_no_delete",
        "ledger_transaction_no_update",
        "ledger_transaction_no_delete",
        "ledger_entry_currency",
        "ledger_hold_resolves_once",
        "ledger_hold_no_delete",
    )
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            raise NotImplementedError(f"The ledger has no append-only triggers for the {vendor} database.")
        for sql in statements_by_vendor[vendor]:
            schema_editor.execute(sql, params=None)  # raw SQL: its % signs are not placeholders

    return run


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
