using LLama.Native;

namespace PricerLib.Local;

/// <summary>
/// llama.cpp's log, kept quiet (warnings and errors only, to stderr) and remembered: llama.cpp explains a failed load
/// (out of memory, an unsupported tensor type) only in its log, so the last lines go into the error the user sees.
/// </summary>
internal static class NativeLog
{
    private static readonly Queue<string> Recent = new();
    private static readonly Lazy<bool> Installed = new(() =>
    {
        NativeLogConfig.llama_log_set((level, message) =>
        {
            if (level is not (LLamaLogLevel.Warning or LLamaLogLevel.Error)) return;
            Console.Error.Write(message);
            lock (Recent)
            {
                Recent.Enqueue(message.TrimEnd());
                while (Recent.Count > 8) Recent.Dequeue();
            }
        });
        return true;
    });

    /// <summary>Installs the callback (once): llama.cpp keeps one per process, so every caller shares this one.</summary>
    public static void Install() => _ = Installed.Value;

    /// <summary>Installs the callback (once) and forgets earlier lines.</summary>
    public static void Start()
    {
        Install();
        lock (Recent) Recent.Clear();
    }

    /// <summary>The warnings and errors logged since <see cref="Start"/>, for an error message.</summary>
    public static string Tail()
    {
        lock (Recent) return Recent.Count == 0 ? "" : " llama.cpp said: " + string.Join(" | ", Recent);
    }
}
