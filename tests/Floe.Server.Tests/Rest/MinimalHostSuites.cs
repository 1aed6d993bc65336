namespace Floe.Server.Tests.Rest;

// The conformance suites against the route group on a bare host over filesystem catalogs.

public sealed class ConfigOnMinimalHost(MinimalHostBackend backend) : ConfigConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;

public sealed class NamespacesOnMinimalHost(MinimalHostBackend backend) : NamespaceConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;

public sealed class TablesOnMinimalHost(MinimalHostBackend backend) : TableConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;

public sealed class CommitsOnMinimalHost(MinimalHostBackend backend) : CommitConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;

public sealed class TransactionsOnMinimalHost(MinimalHostBackend backend) : TransactionConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;

public sealed class ProtocolOnMinimalHost(MinimalHostBackend backend) : ProtocolConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;

public sealed class LibraryInteropOnMinimalHost(MinimalHostBackend backend) : LibraryInteropConformance<MinimalHostBackend>(backend), IClassFixture<MinimalHostBackend>;
