using Incidents.Application.Common.Interfaces;
using Incidents.Infrastructure.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Incidents.UnitTests.Infrastructure.Email;

/// <summary>The kept-open connections: reused, checked with NOOP after idle, closed after the idle timeout, replaced
/// when the relay closed one, and never reused after a failure.</summary>
public sealed class SmtpConnectionPoolTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<FakeConnection> _opened = [];

    private SmtpConnectionPool Pool(int size = 1) =>
        new(_ =>
        {
            var connection = new FakeConnection();
            lock (_opened)
            {
                _opened.Add(connection);
            }

            return Task.FromResult<ISmtpConnection>(connection);
        }, size, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), _time);

    private static MimeMessage Message(int i) => new() { MessageId = $"m{i}@test" };

    private static Task SendAsync(SmtpConnectionPool pool, int i) =>
        SmtpEmailSender.SendAsync(pool, Message(i), $"m{i}@test", NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task One_connection_carries_many_messages()
    {
        var pool = Pool();

        for (var i = 0; i < 5; i++)
        {
            await SendAsync(pool, i);
        }

        var only = Assert.Single(_opened);
        Assert.Equal(5, only.Sent.Count);
        Assert.Equal(0, only.NoOps);
    }

    [Fact]
    public async Task A_connection_the_relay_closed_mid_batch_is_replaced_and_the_message_goes_once()
    {
        var pool = Pool();
        await SendAsync(pool, 1);
        _opened[0].FailNextSendWith = new IOException("Connection reset by peer");

        await SendAsync(pool, 2);
        await SendAsync(pool, 3);

        Assert.Equal(2, _opened.Count);
        Assert.Equal(["m1@test"], _opened[0].Sent);
        Assert.True(_opened[0].Disposed);
        Assert.Equal(["m2@test", "m3@test"], _opened[1].Sent);
    }

    [Fact]
    public async Task When_every_kept_open_connection_was_closed_by_the_relay_the_message_goes_once_on_a_new_one()
    {
        var pool = Pool(size: 2);
        // Two connections open (two leases at once), each carries a message and goes back idle; then the relay closes
        // both (as one that closes connections after so many messages does, together).
        var first = await pool.RentAsync(CancellationToken.None);
        var second = await pool.RentAsync(CancellationToken.None);
        await first.Connection.SendAsync(Message(1), CancellationToken.None);
        await second.Connection.SendAsync(Message(2), CancellationToken.None);
        await first.ReturnAsync(true);
        await second.ReturnAsync(true);
        Assert.Equal(2, _opened.Count);
        _opened[0].FailNextSendWith = new IOException("Connection reset by peer");
        _opened[1].FailNextSendWith = new IOException("Connection reset by peer");

        await SendAsync(pool, 3);

        Assert.Equal(3, _opened.Count);
        Assert.Equal(["m3@test"], _opened[2].Sent);
        Assert.All(_opened.Take(2), c => Assert.True(c.Disposed));
        Assert.All(_opened.Take(2), c => Assert.Single(c.Sent));
    }

    [Fact]
    public async Task A_failure_on_a_new_connection_is_classified_not_repeated()
    {
        var broken = new FakeConnection { FailNextSendWith = new IOException("reset"), FailEverySend = true };
        var pool = new SmtpConnectionPool(_ => Task.FromResult<ISmtpConnection>(broken), 1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), _time);

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => SendAsync(pool, 9));

        Assert.Equal(EmailFailureKind.Transient, error.Kind);
        Assert.Equal(1, broken.SendCalls);
        Assert.True(broken.Disposed);
    }

    [Fact]
    public async Task After_a_short_idle_the_connection_is_checked_with_noop_and_reused()
    {
        var pool = Pool();
        await SendAsync(pool, 1);

        _time.Advance(TimeSpan.FromSeconds(10));
        await SendAsync(pool, 2);

        var only = Assert.Single(_opened);
        Assert.Equal(1, only.NoOps);
        Assert.Equal(2, only.Sent.Count);
    }

    [Fact]
    public async Task A_connection_that_fails_its_noop_is_replaced()
    {
        var pool = Pool();
        await SendAsync(pool, 1);
        _opened[0].NoOpFails = true;

        _time.Advance(TimeSpan.FromSeconds(10));
        await SendAsync(pool, 2);

        Assert.Equal(2, _opened.Count);
        Assert.True(_opened[0].Disposed);
        Assert.Equal(["m2@test"], _opened[1].Sent);
    }

    [Fact]
    public async Task A_connection_idle_past_the_timeout_is_closed()
    {
        var pool = Pool();
        await SendAsync(pool, 1);

        _time.Advance(TimeSpan.FromSeconds(30));
        await pool.TrimIdleAsync();
        Assert.False(_opened[0].Disposed);

        _time.Advance(TimeSpan.FromSeconds(31));
        await pool.TrimIdleAsync();
        Assert.True(_opened[0].Disposed);

        await SendAsync(pool, 2);
        Assert.Equal(2, _opened.Count);
    }

    [Fact]
    public async Task No_more_connections_are_open_at_once_than_the_pool_size()
    {
        var pool = Pool(size: 2);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => SendAsync(pool, i))));

        Assert.InRange(_opened.Count, 1, 2);
        Assert.Equal(40, _opened.Sum(c => c.Sent.Count));
    }

    [Theory]
    [InlineData(typeof(IOException), true)]
    [InlineData(typeof(MailKit.ServiceNotConnectedException), true)]
    [InlineData(typeof(TimeoutException), false)]
    [InlineData(typeof(InvalidOperationException), false)]
    public void Only_a_broken_connection_counts_as_gone(Type type, bool gone)
    {
        Assert.Equal(gone, SmtpEmailSender.IsConnectionGone((Exception)Activator.CreateInstance(type)!));
    }

    private sealed class FakeConnection : ISmtpConnection
    {
        private readonly Lock _lock = new();

        public List<string> Sent { get; } = [];

        public int NoOps { get; private set; }

        public int SendCalls { get; private set; }

        public bool NoOpFails { get; set; }

        public Exception? FailNextSendWith { get; set; }

        public bool FailEverySend { get; set; }

        public bool Disposed { get; private set; }

        public bool IsConnected => !Disposed;

        public Task NoOpAsync(CancellationToken cancellationToken)
        {
            NoOps++;
            return NoOpFails ? Task.FromException(new IOException("closed")) : Task.CompletedTask;
        }

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            lock (_lock)
            {
                SendCalls++;
                if (FailNextSendWith is { } failure)
                {
                    FailNextSendWith = FailEverySend ? failure : null;
                    throw failure;
                }

                Sent.Add(message.MessageId!);
            }
        }

        public EmailDeliveryException Classify(Exception exception) => new(exception.Message, EmailFailureKind.Transient, exception);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
