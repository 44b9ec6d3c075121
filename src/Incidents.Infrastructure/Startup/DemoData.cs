namespace Incidents.Infrastructure.Startup;

/// <summary>Fictional organisations and people for the demo (Seed:Demo). No real names or addresses.</summary>
public static class DemoData
{
    public static readonly Guid SilId = new("5a1e0000-0000-4000-8000-000000000001");
    public static readonly Guid MerseyValeId = new("5c400000-0000-4000-8000-000000000001");
    public static readonly Guid BrambledownId = new("5c400000-0000-4000-8000-000000000002");
    public static readonly Guid KestrelHeightsId = new("5c400000-0000-4000-8000-000000000003");

    public const string SilName = "School Improvement Liverpool";

    public static IReadOnlyList<(Guid Id, string Name, string Urn, string Domain, string Officer, string Staff)> Schools { get; } =
    [
        (MerseyValeId, "Mersey Vale Primary School", "990001", "merseyvale.test", "Harriet Quayle", "Tom Ashdown"),
        (BrambledownId, "Brambledown Primary School", "990002", "brambledown.test", "Imran Castell", "Lucy Fenwick"),
        (KestrelHeightsId, "Kestrel Heights High School", "990003", "kestrelheights.test", "Grace Ibbotson", "Callum Rudd"),
    ];

    public static Guid AgreementIdFor(Guid schoolId) => new($"a9000000-0000-4000-8000-{schoolId.ToString()[^12..]}");
}
