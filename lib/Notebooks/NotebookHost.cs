using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace PricerLib.Notebooks;

/// <summary>
/// Handles the notebook hosts' traps once, for every notebook's first cell. Deliberately free of any
/// .NET Interactive, Plotly.NET or OpenAI type, so that calling it cannot itself trigger the load it guards.
/// </summary>
public static class NotebookHost
{
    private static int _prepared;

    /// <summary>
    /// dotnet-interactive and dotnet-repl preload their own FSharp.Core (10.0.0.0) while Plotly.NET 6 asks for
    /// 10.1.0.0, which then fails to load: the already-loaded FSharp.Core is handed over instead (it is API-compatible
    /// for everything Plotly.NET uses). The OpenAI stack and what it references are loaded once, into the default context, from beside the library.
    /// </summary>
    /// <remarks>
    /// Why the OpenAI stack: the hosts' script loader (Roslyn's InteractiveAssemblyLoader) gives every assembly loaded from
    /// a <c>#r</c> folder a context of its own and reuses a loaded assembly only for the exact version asked for.
    /// Microsoft.Extensions.AI.OpenAI 10.11 was built against OpenAI 2.14.0.0 and the library against 2.15.0.0, so the
    /// loader loaded OpenAI.dll twice; <c>AsIChatClient(ChatClient)</c> then named the other copy's <c>ChatClient</c> and
    /// the library's call failed with MissingMethodException. The default context unifies versions as the CLI's host does
    /// (a request for 2.14 binds to the loaded 2.15), and the script contexts fall back to it before loading a copy.
    /// </remarks>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    /// <summary>The OpenAI stack, and (added as they load) the assemblies it references: these go into the default context.</summary>
    private static readonly ConcurrentDictionary<string, byte> DefaultContextNames = new(
        new[] { "OpenAI", "System.ClientModel", "Microsoft.Extensions.AI", "Microsoft.Extensions.AI.Abstractions", "Microsoft.Extensions.AI.OpenAI" }
            .Select(name => KeyValuePair.Create(name, (byte)0)));

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName wanted)
    {
        if (wanted.Name is not { } name || !(name == "FSharp.Core" || DefaultContextNames.ContainsKey(name))) return null;
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null || name == "FSharp.Core") return loaded;
        var beside = Path.Combine(Path.GetDirectoryName(typeof(NotebookHost).Assembly.Location) ?? "", name + ".dll");
        if (!File.Exists(beside)) return null;
        var assembly = context.LoadFromAssemblyPath(beside);
        foreach (var reference in assembly.GetReferencedAssemblies())
            if (reference.Name is { } referenced) DefaultContextNames.TryAdd(referenced, 0);
        return assembly;
    }
}
