using System.Reflection;
using NetArchTest.Rules;

namespace Incidents.IntegrationTests;

/// <summary>The layering (issue 14): dependencies point inward, and pages are thin adapters that send a command or a
/// query. Each rule names the types that break it.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Incidents.Domain.Incidents.Incident).Assembly;
    private static readonly Assembly Application = typeof(Incidents.Application.Common.Interfaces.IIncidentsDb).Assembly;
    private static readonly Assembly Web = typeof(Incidents.Web.Pages.AppPageModel).Assembly;

    [Fact]
    public void The_domain_references_nothing_of_ours_and_no_framework_for_storage_jobs_mail_or_the_web()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
            "Incidents.Application", "Incidents.Infrastructure", "Incidents.Web",
            "Microsoft.EntityFrameworkCore", "Hangfire", "MailKit", "MimeKit", "Microsoft.AspNetCore", "Fluid").GetResult();

        Assert.True(result.IsSuccessful, Broken(result));
    }

    [Fact]
    public void The_application_knows_no_job_runner_mail_library_database_provider_or_web_layer()
    {
        var result = Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny(
            "Incidents.Infrastructure", "Incidents.Web", "Hangfire", "MailKit", "MimeKit",
            "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient",
            "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc").GetResult();

        Assert.True(result.IsSuccessful, Broken(result));
    }

    [Fact]
    public void Pages_and_their_views_read_no_database_and_no_user_store()
    {
        // Page models and the compiled Razor views (Pages_*, in the same namespace): they bind, send one command or
        // query, and show the result; the query says what the user may see and do.
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("Incidents.Web.Pages")
            .ShouldNot().HaveDependencyOnAny(
                "Incidents.Application.Common.Interfaces.IIncidentsDb", "Incidents.Infrastructure.Persistence",
                "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Identity.UserManager")
            .GetResult();

        Assert.True(result.IsSuccessful, Broken(result));
    }

    [Fact]
    public void The_rules_see_the_pages_they_are_about()
    {
        // A rule over an empty set passes whatever happens: make sure the page types and views are found.
        var pages = Types.InAssembly(Web).That().ResideInNamespace("Incidents.Web.Pages").GetTypes().Count();
        var views = Types.InAssembly(Web).That().ResideInNamespace("Incidents.Web.Pages").And().HaveNameStartingWith("Pages_").GetTypes().Count();

        Assert.True(pages >= 10, $"Only {pages} page types found.");
        Assert.True(views >= 10, $"Only {views} compiled views found.");
    }

    [Fact]
    public void Every_request_declares_who_may_send_it_exactly_once()
    {
        // Issue 14: authorization is declared on the command or query (read by AuthorizationBehaviour), not scattered
        // over handlers, pages and endpoints. A request without a declaration is refused at run time; this names it
        // before it ships.
        var requests = Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Mediator.IMessage).IsAssignableFrom(t))
            .ToList();
        var undeclared = requests
            .Where(t => t.GetCustomAttributes(typeof(Incidents.Application.Common.Security.AccessAttribute), false).Length != 1)
            .Select(t => t.Name)
            .ToList();

        Assert.True(requests.Count >= 50, $"Only {requests.Count} requests found.");
        Assert.True(undeclared.Count == 0, "No single access declaration on: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void No_handler_page_or_endpoint_checks_a_role_by_its_string()
    {
        // The role names live in Roles; a literal "Dpo" elsewhere is a second copy of a rule.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src"));
        var offenders = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), "IsInRole\\(\"|Roles = \""))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.True(Directory.Exists(root), root);
        Assert.True(offenders.Count == 0, "Role strings outside Roles: " + string.Join(", ", offenders));
    }

    private static string Broken(TestResult result) =>
        "Broken by: " + string.Join(", ", result.FailingTypeNames ?? []);
}
