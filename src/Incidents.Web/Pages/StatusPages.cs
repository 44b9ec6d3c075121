using Incidents.Application.Common.Exceptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Incidents.Web.Pages;

/// <summary>The 404 and 403 pages, in one place: a page that loads something the user may not see or that does not
/// exist lets the mediator's <see cref="NotFoundException"/> or <see cref="ForbiddenException"/> through, and this
/// filter (on every page, Program.cs) shows the GOV.UK-style page for it. Page models catch these only where the
/// answer belongs on the form (a reference typed that matches nothing).</summary>
public sealed class StatusPages(IModelMetadataProvider metadata) : IExceptionFilter
{
    public const string NotFoundTitle = "Page not found";

    public const string NotFoundMessage = "If you typed the web address, check it is correct. If you followed a link, the thing it points to does not exist or you may not see it.";

    public const string ForbiddenTitle = "You cannot do this";

    public const string ForbiddenMessage = "Your role does not allow this. Ask SIL's data protection officer if you think it should.";

    public void OnException(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Result = context.Exception switch
        {
            NotFoundException => Page(metadata, context.ModelState, StatusCodes.Status404NotFound, NotFoundTitle, NotFoundMessage),
            ForbiddenException ex => Page(metadata, context.ModelState, StatusCodes.Status403Forbidden, ForbiddenTitle, ex.Message),
            _ => null,
        };
        context.ExceptionHandled = context.Result is not null;
    }

    /// <summary>The status page (Pages/Shared/_Status.cshtml) with its title and message.</summary>
    public static IActionResult Page(IModelMetadataProvider metadata, ModelStateDictionary modelState, int statusCode, string title, string message) =>
        new PartialViewResult
        {
            ViewName = "_Status",
            StatusCode = statusCode,
            ViewData = new ViewDataDictionary(metadata, modelState) { Model = new StatusMessage(title, message) },
        };
}
