using Incidents.Application.Features.Incidents;
using Incidents.Domain.Incidents;

namespace Incidents.Web.Pages.Incident;

/// <summary>What the ICO filing form starts with, from the facts on the record (the DPO confirms or edits).</summary>
public static class Prefill
{
    /// <summary>The kinds of people affected, in words ("Pupils, Parents or carers").</summary>
    public static string? People(IncidentDetails incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var f = incident.Facts;
        if (f?.PeopleCategories is not { Count: > 0 } categories)
        {
            return null;
        }

        return string.Join(", ", categories.Select(c => c == "Other" && f.PeopleCategoriesOther is { } other ? other : PeopleCategory.Describe(c)));
    }

    /// <summary>The measures in place before, and what has been done since.</summary>
    public static string? Measures(IncidentDetails incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var parts = new List<string>();
        if (incident.Facts?.MeasuresBefore is { } before)
        {
            parts.Add($"In place before: {before}");
        }

        if (!string.IsNullOrWhiteSpace(incident.ContainmentActions))
        {
            parts.Add(parts.Count == 0 ? incident.ContainmentActions : $"Done since: {incident.ContainmentActions}");
        }

        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }
}
