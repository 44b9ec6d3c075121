using Incidents.Application.Common.Security;
using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

/// <summary>The notice templates SIL's DPO edits. A template that does not parse, or names a field the notice does not
/// have, is a 400 whose errors say where (line and column), also as <c>templateErrors</c>.</summary>
internal static class NoticeTemplateEndpoints
{
    public static void MapNoticeTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/notice-templates").WithTags("Notice templates")
            .RequireAuthorization(p => p.RequireRole(Roles.Dpo, Roles.Admin));

        templates.MapGet("", async Task<Ok<IReadOnlyList<NoticeTemplateView>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListNoticeTemplatesQuery(), ct)));

        templates.MapPut("/{type}", async Task<Ok<NoticeTemplateView>> (NotificationType type, [FromBody] EditNoticeTemplateCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Type = type }, ct)))
            .ProducesValidationProblem();

        templates.MapPost("/{type}/revert", async Task<Ok<NoticeTemplateView>> (NotificationType type, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RevertNoticeTemplateCommand(type), ct)));

        templates.MapPost("/{type}/preview", async Task<Ok<NoticePreview>> (NotificationType type, [FromBody] PreviewNoticeQuery query, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(query with { Type = type }, ct)))
            .ProducesValidationProblem();
    }
}
