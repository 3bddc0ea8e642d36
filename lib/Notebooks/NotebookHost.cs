using System.Reflection;
using System.Runtime.Loader;

namespace PricerLib.Notebooks;

/// <summary>
/// Handles the notebook hosts' traps once, for every notebook's first cell. Deliberately free of any
/// .NET Interactive or Plotly.NET type, so that calling it cannot itself trigger the load it guards.
/// </summary>
public static class NotebookHost
{
    private static int _prepared;

    /// <summary>
    /// dotnet-interactive and dotnet-repl preload their own FSharp.Core (10.0.0.0) while Plotly.NET 6 asks for
    /// 10.1.0.0, which then fails to load. Hand over the already-loaded FSharp.Core instead: it is API-compatible
    /// for everything Plotly.NET uses. Likewise Microsoft.Extensions.AI's assemblies: without the hand-over the hosts load
    /// a second copy of the library's own one, and every call with an <c>IChatClient</c> in its signature fails with
    /// MissingMethodException.
    /// </summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += HandOverLoadedAssembly;
    }

    private static Assembly? HandOverLoadedAssembly(AssemblyLoadContext context, AssemblyName wanted) =>
        wanted.Name is "FSharp.Core" || wanted.Name?.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal) == true
            ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == wanted.Name)
            : null;
}
