namespace Incidents.Application.Common.Security;

public static class Roles
{
    public const string Reporter = nameof(Reporter);
    public const string DesignatedOfficer = nameof(DesignatedOfficer);
    public const string Dpo = nameof(Dpo);
    public const string Admin = nameof(Admin);

    /// <summary>For ASP.NET's <c>[Authorize(Roles = ...)]</c> on pages: SIL's DPO or an administrator.</summary>
    public const string DpoOrAdmin = Dpo + "," + Admin;

    public static IReadOnlyList<string> All { get; } = [Reporter, DesignatedOfficer, Dpo, Admin];

    /// <summary>Claim carrying the user's organisation id.</summary>
    public const string OrganisationClaim = "org";
}
