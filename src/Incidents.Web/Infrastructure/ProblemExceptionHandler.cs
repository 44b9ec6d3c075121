using System.Text.Json;
using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Features.Incidents;
using Incidents.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Web.Infrastructure;

/// <summary>Turns what can go wrong with a request into ProblemDetails: field errors 400, 403, 404, 409.
/// Anything a user can send ends here as a 4xx; only our own faults are 500, without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer and nothing went wrong on our side.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var (status, details) = exception switch
        {
            ValidationException v => (StatusCodes.Status400BadRequest, Validation(v.Errors.Select(e => (e.PropertyName, e.ErrorMessage)))),
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, Validation([(JsonField(json.Path), "The value is not valid here.")])),
            BadHttpRequestException bad => (bad.StatusCode, new ProblemDetails { Title = "The request could not be read.", Detail = Unreadable(bad.StatusCode) }),
            NotFoundException nf => (StatusCodes.Status404NotFound, new ProblemDetails { Title = "Not found.", Detail = nf.Message }),
            ForbiddenException fb => (StatusCodes.Status403Forbidden, new ProblemDetails { Title = "Forbidden.", Detail = fb.Message }),
            DomainException de => (StatusCodes.Status400BadRequest, Validation([(de.Field ?? string.Empty, de.Message)])),
            ConflictException ce => (StatusCodes.Status409Conflict, await ConflictAsync(httpContext, ce, cancellationToken)),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, new ProblemDetails { Title = "Someone else changed this first.", Detail = "Reload it and make your change again." }),
            _ => (StatusCodes.Status500InternalServerError, new ProblemDetails { Title = "Something went wrong on our side.", Detail = "The error has been logged." }),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            if (ErrorPages.IsForPeople(httpContext))
            {
                // A browser on a page: the exception middleware shows the GOV.UK error page (/error/500) instead.
                return false;
            }
        }

        if (exception is ValidationException { } invalid && invalid.Errors.Any(e => e.CustomState is Application.Features.NoticeTemplates.TemplateError))
        {
            // A template's errors also as data: the field, the message, and where (1-based line and column).
            details.Extensions["templateErrors"] = invalid.Errors.Select(e => e.CustomState).OfType<Application.Features.NoticeTemplates.TemplateError>().ToList();
        }

        details.Status = status;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A 409 carries the incident as it now stands, so the caller can redo the change against it.</summary>
    private static async Task<ProblemDetails> ConflictAsync(HttpContext httpContext, ConflictException conflict, CancellationToken cancellationToken)
    {
        var details = new ProblemDetails { Title = conflict.IncidentId is null ? "Someone else changed this first." : "Someone else changed this incident first.", Detail = conflict.Message };
        if (conflict.IncidentId is { } id)
        {
            try
            {
                var sender = httpContext.RequestServices.GetRequiredService<ISender>();
                details.Extensions["current"] = await sender.Send(new GetIncidentQuery(id), cancellationToken);
            }
            catch (NotFoundException)
            {
            }
        }

        return details;
    }

    /// <summary>What was wrong with a request that could not be read, in words: the framework's own message names the
    /// handler's parameter types ("ReportIncidentCommand command"), which are ours, not the caller's.</summary>
    private static string Unreadable(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON (Content-Type: application/json).",
        StatusCodes.Status408RequestTimeout => "The request body took too long to arrive.",
        _ => "The request is missing a value it needs, or its body is not valid JSON for this address.",
    };

    private static ValidationProblemDetails Validation(IEnumerable<(string Field, string Message)> errors) =>
        new(errors.GroupBy(e => CamelCase(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()))
        {
            Title = "Some of what was sent is not valid.",
        };

    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>"DataCategories[0]" → "dataCategories[0]", as the JSON names them.</summary>
    private static string CamelCase(string field) =>
        string.IsNullOrEmpty(field) ? "body"
        : string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
