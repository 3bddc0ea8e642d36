using Spectre.Console;

namespace Pricer.Cli.Retrieval;

/// <summary>A progress bar on standard error around embedding work that reports (done, total) items.</summary>
internal static class EmbedProgress
{
    /// <summary>Runs <paramref name="work"/> under a bar titled <paramref name="title"/> (plain text: it is escaped).</summary>
    public static T Run<T>(IAnsiConsole console, string title, Func<IProgress<(int Done, int Total)>, T> work)
    {
        T result = default!;
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = work(new PricerLib.InlineProgress<(int Done, int Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
