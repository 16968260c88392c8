"""Where a learner's record is kept: the database and its migrations, the ORM rows, backups,
and the class-server outbox that keeps answers safe while a server is away."""
