// One PostgreSQL server for every PostgreSQL-backed suite of this assembly; each backend gets its own database on it.
[assembly: AssemblyFixture(typeof(Floe.TestKit.PostgresServer))]
