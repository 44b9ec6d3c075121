using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Features.Evidence;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Incidents.Web.Endpoints;

/// <summary>Evidence on an incident: upload (multipart, field <c>file</c>), list, and download. Only for those who may
/// see the incident (404 otherwise); always a download, never shown inline.</summary>
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
                if (!request.HasFormContentType)
                {
                    throw new ValidationException([new ValidationFailure("File", "Send the file as multipart/form-data, in a field named file.")]);
                }

                var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
                await using var content = file?.OpenReadStream();
                var result = await sender.Send(new UploadAttachmentCommand(id, file?.FileName, file?.Length ?? 0, content), ct);
                return TypedResults.Created($"/api/incidents/{id}/attachments/{result.Id}", result);
            })
            .WithName("UploadAttachment")
            .WithSummary("Attach evidence (multipart/form-data, field `file`): PDF, PNG, JPEG, DOCX, XLSX, MSG, EML, TXT or CSV")
            .DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(settings.MaxBytes + MultipartOverhead))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        attachments.MapGet("/", async Task<Ok<IReadOnlyList<AttachmentView>>> (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAttachmentsQuery(id), ct)))
            .WithName("ListAttachments")
            .ProducesProblem(StatusCodes.Status404NotFound);

        attachments.MapGet("/{attachmentId:guid}", async Task<FileContentHttpResult> (Guid id, Guid attachmentId, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var file = await sender.Send(new GetAttachmentQuery(id, attachmentId), ct);
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                http.Response.Headers["X-SHA256"] = file.Sha256;
                // A file name makes it Content-Disposition: attachment (never inline).
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadAttachment")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A per-endpoint request body limit, applied by endpoint routing before the body is read.</summary>
    public sealed class BodySizeLimit(long maxRequestBodySize) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = maxRequestBodySize;
    }
}
