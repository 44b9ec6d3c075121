using Incidents.Application.Features.Evidence;

namespace Incidents.Web.Pages.Incident;

/// <summary>What the evidence partial shows: the files, the limit, and an error against the file field.</summary>
public sealed record EvidenceView(Guid IncidentId, IReadOnlyList<AttachmentView> Attachments, string MaxInWords, string? Error);
