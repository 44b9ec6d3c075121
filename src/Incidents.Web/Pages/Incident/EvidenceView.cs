using Incidents.Application.Features.Evidence;

namespace Incidents.Web.Pages.Incident;

/// <summary>What the evidence partial shows: the files, where they are downloaded from, where the upload form posts,
/// the limit, and an error against the file field. The same partial for an incident's and a suspension's evidence.</summary>
public sealed record EvidenceView(string FormAction, string DownloadBase, IReadOnlyList<AttachmentView> Attachments, string MaxInWords, string? Error, bool MayAdd = true)
{
    /// <summary>An incident's evidence.</summary>
    public EvidenceView(Guid incidentId, IReadOnlyList<AttachmentView> attachments, string maxInWords, string? error)
        : this($"/incidents/{incidentId}/attachments", $"/api/incidents/{incidentId}/attachments", attachments, maxInWords, error)
    {
    }

    /// <summary>A clause 10 suspension's evidence.</summary>
    public static EvidenceView ForSuspension(Guid agreementId, Guid suspensionId, IReadOnlyList<AttachmentView> attachments, string maxInWords, string? error, bool mayAdd) =>
        new($"/agreements/{agreementId}/suspensions/{suspensionId}/evidence", $"/api/agreements/{agreementId}/suspensions/{suspensionId}/attachments",
            attachments, maxInWords, error, mayAdd);
}
