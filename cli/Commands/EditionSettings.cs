using System.ComponentModel;
using PricerLib;
using PricerLib.Editions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// The options every edition-aware verb shares: <c>--edition 2024|2025</c>, which overrides <c>PRICER_EDITION</c>
/// (<see cref="WorkbookSettings.Edition"/>) for this command. A verb's settings derive from this class; a verb that
/// overrides <see cref="Validate"/> calls the base first.
/// </summary>
public abstract class EditionSettings : CommandSettings
{
    /// <summary>The edition as typed; null: the workbook's setting.</summary>
    [CommandOption("--edition <YEAR>")]
    [Description("The course edition to follow: 2024 or 2025 (default: PRICER_EDITION, else 2024).")]
    public string? Edition { get; init; }

    /// <summary>The edition this command follows: <c>--edition</c>, else <c>PRICER_EDITION</c>, else 2024.</summary>
    public CourseEdition CourseEdition => Edition is null ? WorkbookSettings.Current.Edition : CourseEditions.Parse(Edition);

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Edition is null || CourseEditions.TryParse(Edition, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--edition: '{Edition}' is not an edition of the course; use 2024 or 2025.");
}
