using System.CommandLine;
using System.Runtime.CompilerServices;

namespace Floe.Cli;

/// <summary>What a verb opened for one invocation (such as a catalog's connections), disposed when the verb ends.</summary>
internal static class InvocationResources
{
    private static readonly ConditionalWeakTable<ParseResult, List<IDisposable>> Owned = new();

    /// <summary>Disposes <paramref name="resource"/> when the verb of <paramref name="parse"/> ends; returns it.</summary>
    public static T Own<T>(ParseResult parse, T resource)
    {
        if (resource is IDisposable disposable)
        {
            List<IDisposable> list = Owned.GetOrCreateValue(parse);
            lock (list)
            {
                list.Add(disposable);
            }
        }

        return resource;
    }

    public static void DisposeAll(ParseResult parse)
    {
        if (!Owned.TryGetValue(parse, out List<IDisposable>? list))
        {
            return;
        }

        Owned.Remove(parse);
        lock (list)
        {
            foreach (IDisposable resource in list)
            {
                resource.Dispose();
            }
        }
    }
}
