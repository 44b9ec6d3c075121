using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Features.Agreements;
using Incidents.Application.Features.Evidence;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Incidents.Web.Endpoints;

/// <summary>Evidence on an incident or a suspension: upload (multipart, field <c>file</c>), list, and download. Only for those who may
/// see the incident or the suspension's evidence (404 otherwise); always a download, never shown inline.</summary>
internal static class AttachmentEndpoints
{
    /// <summary>Room for the multipart framing around a file of the largest size allowed.</summary>
    public const long MultipartOverhead = 64 * 1024;

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app, AttachmentSettings settings)
    {
        var attachments = app.MapGroup("/api/incidents/{id:guid}/attachments").WithTags("Evidence");

        // Program.cs caps request bodies at 1 MiB; this endpoint alone may take a file of Attachments:MaxBytes. The API is
        // called with a bearer token, or with the SameSite=Strict cookie that another site cannot make a browser send,
        // so it takes no antiforgery token (the page's form does).
        attachments.MapPost("/", async Task<Created<AttachmentView>> (Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var (file, content) = await ReadFileAsync(request, ct);
                await using (content)
                {
                    var result = await sender.Send(new UploadAttachmentCommand(id, file?.FileName, file?.Length ?? 0, content), ct);
                    return TypedResults.Created($"/api/incidents/{id}/attachments/{result.Id}", result);
                }
            })
            .WithName("UploadAttachment")
            .WithSummary("Attach evidence (multipart/form-data, field `file`): PDF, PNG, JPEG, DOCX, XLSX, MSG, EML, TXT or CSV")
            .AsUpload(settings);

        attachments.MapGet("/", async Task<Ok<IReadOnlyList<AttachmentView>>> (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAttachmentsQuery(id), ct)))
            .WithName("ListAttachments")
            .ProducesProblem(StatusCodes.Status404NotFound);

        attachments.MapGet("/{attachmentId:guid}", async Task<FileContentHttpResult> (Guid id, Guid attachmentId, ISender sender, HttpContext http, CancellationToken ct) =>
                Download(http, await sender.Send(new GetAttachmentQuery(id, attachmentId), ct)))
            .WithName("DownloadAttachment")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Clause 10: evidence of the serious breach a suspension rests on. The same rules, limit and download.
        var suspension = app.MapGroup("/api/agreements/{id:guid}/suspensions/{suspensionId:guid}/attachments").WithTags("Evidence");
        suspension.MapPost("/", async Task<Created<AttachmentView>> (Guid id, Guid suspensionId, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var (file, content) = await ReadFileAsync(request, ct);
                await using (content)
                {
                    var result = await sender.Send(new UploadSuspensionAttachmentCommand(id, suspensionId, file?.FileName, file?.Length ?? 0, content), ct);
                    return TypedResults.Created($"/api/agreements/{id}/suspensions/{suspensionId}/attachments/{result.Id}", result);
                }
            })
            .WithName("UploadSuspensionAttachment")
            .WithSummary("Attach evidence of the serious breach to a suspension (multipart/form-data, field `file`): the same types and limit as an incident's evidence")
            .AsUpload(settings)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        suspension.MapGet("/", async Task<Ok<IReadOnlyList<AttachmentView>>> (Guid id, Guid suspensionId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok((await sender.Send(new ListSuspensionAttachmentsQuery(id, suspensionId), ct)).Attachments))
            .WithName("ListSuspensionAttachments")
            .ProducesProblem(StatusCodes.Status404NotFound);

        suspension.MapGet("/{attachmentId:guid}", async Task<FileContentHttpResult> (Guid id, Guid suspensionId, Guid attachmentId, ISender sender, HttpContext http, CancellationToken ct) =>
                Download(http, await sender.Send(new GetSuspensionAttachmentQuery(id, suspensionId, attachmentId), ct)))
            .WithName("DownloadSuspensionAttachment")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The upload's larger body limit (and no antiforgery token: see above), and its answers.</summary>
    private static RouteHandlerBuilder AsUpload(this RouteHandlerBuilder builder, AttachmentSettings settings) => builder
        .DisableAntiforgery()
        .WithMetadata(new BodySizeLimit(settings.MaxBytes + MultipartOverhead))
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The field <c>file</c> of a multipart form, and its content (null when there is none).</summary>
    private static async Task<(IFormFile? File, Stream? Content)> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new ValidationException([new ValidationFailure("File", "Send the file as multipart/form-data, in a field named file.")]);
        }

        var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        return (file, file?.OpenReadStream());
    }

    /// <summary>Always a download, never shown inline: a file name makes it <c>Content-Disposition: attachment</c>; no
    /// sniffing, and a sandbox in case a browser renders it anyway.</summary>
    private static FileContentHttpResult Download(HttpContext http, AttachmentFile file)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers["X-SHA256"] = file.Sha256;
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>A per-endpoint request body limit, applied by endpoint routing before the body is read.</summary>
    public sealed class BodySizeLimit(long maxRequestBodySize) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = maxRequestBodySize;
    }
}
