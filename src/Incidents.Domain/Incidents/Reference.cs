using System.Globalization;

namespace Incidents.Domain.Incidents;

/// <summary>The human reference of an incident: INC-2026-00042, numbered per year without gaps.</summary>
public static class Reference
{
    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"INC-{year:D4}-{number:D5}");
}
