from django.db import models


class JobRun(models.Model):
    """One run of a periodic job in one period: its unique row lets one worker only run it (ADR 1101)."""

    job = models.CharField(max_length=80)
    period = models.CharField(max_length=32, help_text="the period's start, UTC, ISO 8601")
    node = models.CharField(max_length=120)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="fleet_jobrun_once_per_period")]
        indexes = [models.Index(fields=["job", "-started_at"], name="fleet_jobrun_latest")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
