"""Running as a fleet: periodic jobs once per period across workers, read replicas, start-up checks."""
