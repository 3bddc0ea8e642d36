using PricerLib.Data;
using PricerLib.Tests.Support;
using TestItems = PricerLib.Tests.Evaluation.TestItems;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, cases 1, 2, 4 (temp names) and 10: outputs are written, never replaced when not regular files.</summary>
public class OutputFileTests
{
    private static readonly IReadOnlyList<Item> Items = TestItems.Priced(3);

    [Fact]
    public void A_symbolic_link_is_followed_to_its_target()
    {
        using var dir = new TempDir();
        var target = dir.File("real.jsonl");
        File.WriteAllText(target, "old");
        var link = dir.File("link.jsonl");
        File.CreateSymbolicLink(link, target);

        ItemStore.Save(Items, link);

        Assert.Equal("symbolic link", Posix.TypeOf(link));
        Assert.Equal(3, ItemStore.Load(target).Count);
    }

    [Fact]
    public async Task A_fifo_is_written_into_not_replaced()
    {
        using var dir = new TempDir();
        var fifo = Posix.MakeFifo(dir.File("pipe.jsonl"));
        var reader = Task.Run(() => File.ReadAllText(fifo));

        ItemStore.Save(Items, fifo);

        Assert.Equal("fifo", Posix.TypeOf(fifo));
        var text = await reader.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_full_device_behind_a_link_is_a_clear_error_and_the_link_stays()
    {
        using var dir = new TempDir();
        var link = dir.File("full.jsonl");
        File.CreateSymbolicLink(link, "/dev/full");

        var e = Assert.Throws<OutputFileException>(() => ItemStore.Save(Items, link));

        Assert.Contains($"Cannot write {link}: no space left", e.Message);
        Assert.Equal("symbolic link", Posix.TypeOf(link));
        Assert.Equal("character special file", Posix.TypeOf("/dev/full"));
    }

    [Fact]
    public void A_folder_or_an_unwritable_place_is_named_not_a_temp_file()
    {
        using var dir = new TempDir();

        var folder = Assert.Throws<OutputFileException>(() => ItemStore.Save(Items, dir.Path));
        var proc = Assert.Throws<OutputFileException>(() => ItemStore.Save(Items, "/proc/items.jsonl"));

        Assert.Contains("it is a folder", folder.Message);
        Assert.Contains("Cannot write /proc/items.jsonl", proc.Message);
        Assert.DoesNotContain(".tmp", proc.Message);
    }

    [Fact]
    public void An_output_that_is_an_input_is_refused_through_links()
    {
        using var dir = new TempDir();
        var input = dir.File("raw.jsonl");
        File.WriteAllText(input, "{}");
        var link = dir.File("alias.jsonl");
        File.CreateSymbolicLink(link, input);

        Assert.Throws<OutputFileException>(() => OutputPaths.RefuseInputs(input, [input]));
        Assert.Throws<OutputFileException>(() => OutputPaths.RefuseInputs(link, [dir.File("other.jsonl"), input]));
        OutputPaths.RefuseInputs(dir.File("items.jsonl"), [input]);
    }

    [Fact]
    public void Output_locations_are_checked_before_the_work()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("file"), "");

        Assert.Throws<OutputFileException>(() => OutputPaths.CheckFolder("/proc/results"));
        Assert.Throws<OutputFileException>(() => OutputPaths.CheckFolder(dir.File("file")));
        Assert.Throws<OutputFileException>(() => OutputPaths.CheckFile(dir.Path));
        OutputPaths.CheckFile(dir.File("new/items.jsonl"));
        Assert.Equal([dir.File("file")], Directory.GetFileSystemEntries(dir.Path)); // nothing made, the probe gone
    }

    [Fact]
    public void Temp_files_name_their_owner_and_stale_ones_are_removed_on_the_next_write()
    {
        using var dir = new TempDir();
        int ended = EndedProcessId();
        var stale = dir.File($".items.jsonl.pricer-{ended}-0123abcd.tmp.jsonl");
        var live = dir.File(".items.jsonl.pricer-1-4567cdef.tmp.jsonl"); // pid 1 always runs
        File.WriteAllText(stale, "half");
        File.WriteAllText(live, "in progress");

        ItemStore.Save(Items, dir.File("items.jsonl"));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.Equal(3, ItemStore.Load(dir.File("items.jsonl")).Count);
    }

    private static int EndedProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
