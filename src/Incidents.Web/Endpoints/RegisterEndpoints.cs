using Incidents.Application.Features.Register;
using Incidents.Domain.Incidents;
using Mediator;

namespace Incidents.Web.Endpoints;

/// <summary>The breach register (Art. 33(5)) as CSV or XLSX: every incident the caller may see, written as it is read.</summary>
internal static class RegisterEndpoints
{
    public static void MapRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/register/export", async Task<IResult> (
                ISender sender, CancellationToken ct, string? format, DateOnly? from, DateOnly? to, Guid? organisationId,
                IncidentKind? kind, TriageClassification? classification, IncidentStatus? state) =>
            {
                var export = await sender.Send(new ExportRegisterQuery(format ?? "csv", from, to, organisationId, kind, classification, state), ct);
                return Results.Stream(async body => await export.WriteAsync(body, ct), export.ContentType, export.FileName);
            })
            .WithTags("Register").WithName("ExportRegister")
            .WithSummary("The breach register as CSV or XLSX (format=csv|xlsx; Art. 33(5) columns), filtered by period, organisation, kind, classification and state")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: RegisterXlsx.ContentType)
            .ProducesValidationProblem();
    }
}
