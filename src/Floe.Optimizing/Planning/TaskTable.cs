using Floe.Core.Partitioning;
using Floe.Core.Schemas;

namespace Floe.Optimizing.Planning;

/// <summary>
/// What an optimizer needs to know of the table to run a task without loading it: where data goes, the schema rows
/// are read and written in, the partition spec of the task's files and the table properties (writer settings, name
/// mapping).
/// </summary>
public sealed record TaskTable(string Location, Schema Schema, PartitionSpec Spec, IReadOnlyDictionary<string, string> Properties);
