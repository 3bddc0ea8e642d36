namespace PricerLib.Tests.Pricers;

public class WorkbookSettingsTests
{
    [Fact]
    public void Settings_come_from_the_variables_once_with_defaults_under_the_checkout()
    {
        var variables = new Dictionary<string, string>
        {
            [WorkbookSettings.Variables.Cache] = "/tmp/c",
            [WorkbookSettings.Variables.Out] = "/tmp/o",
            [WorkbookSettings.Variables.Data] = "",            // empty counts as unset
            [WorkbookSettings.Variables.LlamaBackend] = "cuda12",
        };
        var settings = WorkbookSettings.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal("/tmp/c", settings.Cache);
        Assert.Equal("/tmp/o", settings.Out);
        Assert.Equal(Path.Combine("/tmp/o", "report"), settings.ReportFolder);
        Assert.Null(settings.Data);
        Assert.Null(settings.Tokenizer);
        Assert.Equal("cuda12", settings.LlamaBackend);
        Assert.Equal(Path.Combine(ProjectPaths.Root, "results"), settings.Results);
        Assert.Equal("/r", (settings with { Report = "/r" }).ReportFolder);
    }
}
