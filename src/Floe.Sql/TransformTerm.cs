using Floe.Core.Transforms;

namespace Floe.Sql;

/// <summary>A column with a transform, as partition and sort text write it: <c>bucket(16, id) as b</c> is (id, bucket[16], b).</summary>
/// <param name="SourceName">The source column (dotted for a struct field).</param>
/// <param name="Transform">The transform; <see cref="Transform.Identity"/> for a bare column.</param>
/// <param name="TargetName">The partition field name given with <c>as</c>, or null.</param>
public sealed record TransformTerm(string SourceName, Transform Transform, string? TargetName);
