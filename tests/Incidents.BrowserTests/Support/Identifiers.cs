using System.Text.RegularExpressions;
using Incidents.Application.Common.Words;
using Incidents.Application.Features.Register;

namespace Incidents.BrowserTests.Support;

/// <summary>Identifiers a person must never read: every multi-word member of an enum the pages show (the display
/// vocabulary's) and every audit action.</summary>
public static partial class Identifiers
{
    private static readonly Regex Any = new(
        @"\b(" + string.Join("|", Words.Vocabulary.SelectMany(Enum.GetNames).Concat(AuditWords.Actions)
            .Where(n => CamelCase().IsMatch(n)).Distinct().Select(Regex.Escape)) + @")\b",
        RegexOptions.CultureInvariant);

    /// <summary>The identifiers in a page's visible text.</summary>
    public static IReadOnlyList<string> Find(string text) => Any.Matches(text).Select(m => m.Value).Distinct().ToList();

    [GeneratedRegex("^[A-Z][a-z0-9]+[A-Z]")]
    private static partial Regex CamelCase();
}
