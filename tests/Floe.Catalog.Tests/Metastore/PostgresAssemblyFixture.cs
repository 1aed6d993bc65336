// One PostgreSQL server for every PostgreSQL test of this assembly; each test gets its own database on it.
[assembly: AssemblyFixture(typeof(Floe.TestKit.PostgresServer))]
