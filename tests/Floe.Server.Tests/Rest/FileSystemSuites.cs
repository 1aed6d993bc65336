namespace Floe.Server.Tests.Rest;

// The conformance suites against the route group on a bare host over filesystem catalogs.

public sealed class ConfigOnFileSystem(FileSystemBareHost backend) : ConfigConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class NamespacesOnFileSystem(FileSystemBareHost backend) : NamespaceConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class TablesOnFileSystem(FileSystemBareHost backend) : TableConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class CommitsOnFileSystem(FileSystemBareHost backend) : CommitConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class TransactionsOnFileSystem(FileSystemBareHost backend) : TransactionConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class ProtocolOnFileSystem(FileSystemBareHost backend) : ProtocolConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class LibraryInteropOnFileSystem(FileSystemBareHost backend) : LibraryInteropConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;

public sealed class ChangeStoresOnFileSystem(FileSystemBareHost backend) : ChangeStoreConformance<FileSystemBareHost>(backend), IClassFixture<FileSystemBareHost>;
