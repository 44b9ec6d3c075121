using Incidents.Application.Common.Behaviours;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace Incidents.UnitTests.Application.Behaviours;

/// <summary>A lost save race reaches callers as a conflict (409), never as EF's own exception (500 or a page catch).</summary>
public sealed class ConcurrencyBehaviourTests
{
    [Fact]
    public async Task A_concurrency_failure_becomes_a_conflict()
    {
        var behaviour = new ConcurrencyBehaviour<ListUsersQuery, IReadOnlyList<UserSummary>>();

        var conflict = await Assert.ThrowsAsync<ConflictException>(async () =>
            await behaviour.Handle(new ListUsersQuery(), (_, _) => throw new DbUpdateConcurrencyException("lost"), CancellationToken.None));

        Assert.IsType<DbUpdateConcurrencyException>(conflict.InnerException);
        Assert.Null(conflict.IncidentId);
    }

    [Fact]
    public async Task Anything_else_passes_through_unchanged()
    {
        var behaviour = new ConcurrencyBehaviour<ListUsersQuery, IReadOnlyList<UserSummary>>();

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await behaviour.Handle(new ListUsersQuery(), (_, _) => throw new NotFoundException("gone"), CancellationToken.None));
        Assert.Empty(await behaviour.Handle(new ListUsersQuery(), (_, _) => ValueTask.FromResult<IReadOnlyList<UserSummary>>([]), CancellationToken.None));
    }
}
