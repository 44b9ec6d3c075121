using Incidents.Application.Common.Behaviours;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Application.Features.Triage;
using Incidents.Application.Features.Users;
using Moq;

namespace Incidents.UnitTests.Application.Behaviours;

/// <summary>Who may send a request is declared on its type and checked before validation and the handler (issue 14).</summary>
public sealed class AuthorizationBehaviourTests
{
    private static ICurrentUser User(params string[] roles)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.IsAuthenticated).Returns(true);
        user.Setup(u => u.IsInRole(It.IsAny<string>())).Returns<string>(roles.Contains);
        return user.Object;
    }

    private static ICurrentUser Nobody()
    {
        var user = new Mock<ICurrentUser>(MockBehavior.Strict);
        user.SetupGet(u => u.IsAuthenticated).Returns(false);
        return user.Object;
    }

    [Fact]
    public async Task A_role_the_request_does_not_name_is_refused_before_the_handler_runs_with_the_declared_message()
    {
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, IReadOnlyList<UserSummary>>(User(Roles.Dpo));
        var ran = false;

        var refused = await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await behaviour.Handle(new ListUsersQuery(), (_, _) => { ran = true; return ValueTask.FromResult<IReadOnlyList<UserSummary>>([]); }, CancellationToken.None));

        Assert.False(ran);
        Assert.Equal("Only an administrator may list accounts.", refused.Message);
    }

    [Fact]
    public async Task A_named_role_passes()
    {
        var behaviour = new AuthorizationBehaviour<ListUsersQuery, IReadOnlyList<UserSummary>>(User(Roles.Admin));

        Assert.Empty(await behaviour.Handle(new ListUsersQuery(), (_, _) => ValueTask.FromResult<IReadOnlyList<UserSummary>>([]), CancellationToken.None));
    }

    [Fact]
    public async Task A_request_that_hides_what_exists_answers_not_found()
    {
        var behaviour = new AuthorizationBehaviour<GetNotificationQuery, NotificationDetails>(User(Roles.Reporter));

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await behaviour.Handle(new GetNotificationQuery(Guid.NewGuid()), (_, _) => throw new InvalidOperationException("the handler ran"), CancellationToken.None));
    }

    [Fact]
    public void Signed_in_requests_refuse_nobody_signed_in_and_system_requests_ask_for_no_user()
    {
        Assert.Throws<ForbiddenException>(() => AuthorizationBehaviour<ListIncidentsProbe, int>.Check(new RequiresSignInAttribute(), Nobody()));
        AuthorizationBehaviour<ListIncidentsProbe, int>.Check(new RequiresSignInAttribute(), User(Roles.Reporter));
        AuthorizationBehaviour<ListIncidentsProbe, int>.Check(new SentWithoutUserAttribute("a job"), Nobody());
        Assert.Throws<ForbiddenException>(() => AuthorizationBehaviour<ListIncidentsProbe, int>.Check(new RequiresRoleAttribute(Roles.Dpo), Nobody()));
    }

    [Fact]
    public void A_request_that_declares_nothing_is_refused()
    {
        var refused = Assert.Throws<ForbiddenException>(() => AuthorizationBehaviour<ListIncidentsProbe, int>.Check(null, User(Roles.Admin)));

        Assert.Contains("does not declare", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_triage_step_names_the_dpo_and_administrators_only()
    {
        foreach (var type in new[] { typeof(TriageIncidentCommand), typeof(DecideIncidentCommand), typeof(RecordIcoFilingCommand), typeof(CloseIncidentCommand), typeof(ReopenIncidentCommand) })
        {
            var declared = Assert.Single(type.GetCustomAttributes(typeof(RequiresRoleAttribute), false).Cast<RequiresRoleAttribute>());
            Assert.Equal([Roles.Dpo, Roles.Admin], declared.Roles);
        }
    }

    /// <summary>A request type with no declaration, for the fail-closed case.</summary>
    public sealed record ListIncidentsProbe : Mediator.IRequest<int>;
}
