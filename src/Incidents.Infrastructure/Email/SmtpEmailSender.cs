using System.Net.Sockets;
using Incidents.Application.Common.Interfaces;
using MailKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Incidents.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit (<see cref="SmtpRelay"/>: TLS as configured with the certificate validated,
/// an explicit timeout, Nagle off) over a few kept-open connections (<see cref="SmtpConnectionPool"/>). A failure is
/// classified once, by <see cref="SmtpFailures"/>: transient, a configuration fault of the relay, or this recipient
/// refused; the connection it happened on is closed, never reused. When a kept-open connection turns out to have been
/// closed by the relay (the send finds it gone), the message goes once more on a new connection straight away: the
/// relay did not take it, so this is not a retry of the notice (its attempts and back-off are untouched).
/// </summary>
internal sealed class SmtpEmailSender : IEmailSender, IAsyncDisposable
{
    private readonly EmailOptions _settings;
    private readonly ILogger<SmtpEmailSender> _logger;

    public SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger)
    {
        _settings = options.Value;
        _logger = logger;
        var smtp = _settings.Smtp;
        Pool = new SmtpConnectionPool(OpenAsync, smtp.Connections, TimeSpan.FromSeconds(smtp.NoopAfterSeconds), TimeSpan.FromSeconds(smtp.IdleTimeoutSeconds), time);
    }

    internal SmtpConnectionPool Pool { get; }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = MimeMessageFactory.Create(message, _settings.From);
        await SendAsync(Pool, mime, message.MessageId, _logger, cancellationToken);
    }

    /// <summary>One message over the pool: on a kept-open connection that turns out to be gone, again on the next one
    /// (each gone one is discarded, so this ends after at most the pool's idle connections and then a new one; a
    /// relay that closes connections after so many messages closes all the idle ones together); a failure on a new
    /// connection is classified, never repeated here.</summary>
    internal static async Task SendAsync(SmtpConnectionPool pool, MimeMessage mime, string messageId, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var lease = await pool.RentAsync(cancellationToken);
            var keep = false;
            try
            {
                await lease.Connection.SendAsync(mime, cancellationToken);
                keep = true;
                return;
            }
            catch (Exception ex) when (ex is not EmailDeliveryException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                if (lease.Reused && attempt <= pool.Size && IsConnectionGone(ex))
                {
                    logger.LogInformation("A kept-open SMTP connection was closed by the relay ({ExceptionType}); sending {MessageId} on a new one", ex.GetType().Name, messageId);
                    continue;
                }

                var failure = lease.Connection.Classify(ex);
                logger.LogWarning("Sending {MessageId} failed: {Kind} ({ExceptionType})", messageId, failure.Kind, ex.GetType().Name);
                throw failure;
            }
            finally
            {
                await lease.ReturnAsync(keep);
            }
        }
    }

    /// <summary>The connection broke under us (closed, reset, or the relay said goodbye), as opposed to an answer about this message.</summary>
    internal static bool IsConnectionGone(Exception ex) => ex switch
    {
        ServiceNotConnectedException or IOException or SocketException or ObjectDisposedException => true,
        MailKit.Net.Smtp.SmtpProtocolException => true,
        MailKit.Net.Smtp.SmtpCommandException command => (int)command.StatusCode == 421,
        _ => false,
    };

    public ValueTask DisposeAsync() => Pool.DisposeAsync();

    private async Task<ISmtpConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var relay = new SmtpRelay(_settings.Smtp);
        try
        {
            await relay.OpenAsync(cancellationToken);
            return relay;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = relay.Classify(ex);
            await relay.DisposeAsync();
            _logger.LogWarning("Connecting to the relay failed: {Kind} ({ExceptionType})", failure.Kind, ex.GetType().Name);
            throw failure;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }
}
