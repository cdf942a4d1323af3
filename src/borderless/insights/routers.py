"""The reports database is a read replica when configured: nothing is migrated or written there."""


class ReportsReplicaRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == "reports" else None

    def db_for_write(self, model, **hints):
        return "default"
