using PricerLib.Data;
using PricerLib.Data.Demo;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Demo;

public class DataSourceTests
{
    [Fact]
    public void Real_data_is_a_folder_of_meta_files_found_plain_or_gzip()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("meta_Appliances.jsonl"), "{}\n");
        File.WriteAllText(dir.File("meta_Automotive.jsonl.gz"), "");
        File.WriteAllText(dir.File("meta_Unlisted.jsonl"), "{}\n");
        File.WriteAllText(dir.File("notes.txt"), "not metadata");

        var source = DataSource.Real(dir.Path);

        Assert.False(source.IsSynthetic);
        Assert.Null(source.ChartNote);
        Assert.Equal(["Appliances", "Automotive", "Unlisted"], source.Categories);
        Assert.Equal(["Automotive", "Appliances"], source.CourseCategories); // the course's order, only those present
        Assert.Equal(dir.File("meta_Automotive.jsonl.gz"), source.FileFor("Automotive"));
        var missing = Assert.Throws<FileNotFoundException>(() => source.FileFor("Electronics"));
        Assert.Contains("Appliances, Automotive, Unlisted", missing.Message);
    }

    [Fact]
    public void A_missing_real_data_folder_is_a_clear_error()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataSource.Real("/no/such/folder"));
        Assert.Contains(DataSource.Variable, e.Message);
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void The_demo_catalogue_is_generated_once_labelled_synthetic_and_sized_by_the_course_mix()
    {
        using var dir = new TempDir();

        var source = DataSource.Demo(dir.Path);
        var written = File.GetLastWriteTimeUtc(source.FileFor("Automotive"));
        var again = DataSource.Demo(dir.Path);

        Assert.True(source.IsSynthetic);
        Assert.Equal(DemoCatalogue.SyntheticLabel, source.ChartNote);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again.FileFor("Automotive")));
        var counts = DataSource.DemoCounts();
        Assert.All(counts.Values, n => Assert.True(n >= DataSource.DemoMinimumPerCategory));
        Assert.True(counts["Automotive"] > counts["Electronics"]);
        Assert.Equal(counts["Appliances"], File.ReadLines(source.FileFor("Appliances")).Count());
    }
}
