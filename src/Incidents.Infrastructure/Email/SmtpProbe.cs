using Incidents.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace Incidents.Infrastructure.Email;

/// <summary>Can a session with the relay be opened (connect, TLS, sign-in; nothing is sent)? For /health/ready. The
/// answer is kept for Email:Smtp:ProbeCacheSeconds, and callers that arrive while a test is running share it, so a
/// flood of health calls opens at most one connection per period.</summary>
public sealed class SmtpProbe
{
    private readonly IOptions<EmailOptions> _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpProbeResult? _last;

    public SmtpProbe(IOptions<EmailOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public async Task<SmtpProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var email = _options.Value;
        if (!email.UsesSmtp)
        {
            return new SmtpProbeResult(null, "Email is written to the pickup folder.", _time.GetUtcNow());
        }

        var maxAge = TimeSpan.FromSeconds(email.Smtp.ProbeCacheSeconds);
        if (Fresh(maxAge) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(maxAge) is { } justChecked)
            {
                return justChecked;
            }

            var probe = new EmailOptions.SmtpOptions
            {
                Host = email.Smtp.Host,
                Port = email.Smtp.Port,
                Security = email.Smtp.Security,
                User = email.Smtp.User,
                Password = email.Smtp.Password,
                TrustedCaFile = email.Smtp.TrustedCaFile,
                CheckCertificateRevocation = email.Smtp.CheckCertificateRevocation,
                TimeoutSeconds = Math.Min(email.Smtp.TimeoutSeconds, 5),
            };
            SmtpProbeResult result;
            await using (var relay = new SmtpRelay(probe))
            {
                try
                {
                    await relay.OpenAsync(cancellationToken);
                    result = new SmtpProbeResult(null, $"A session with {probe.Host}:{probe.Port} opened.", _time.GetUtcNow());
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    var failure = relay.Classify(ex);
                    result = new SmtpProbeResult(failure.Kind, failure.Message, _time.GetUtcNow());
                }
            }

            _last = result;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private SmtpProbeResult? Fresh(TimeSpan maxAge) =>
        _last is { } last && _time.GetUtcNow() - last.CheckedAt < maxAge ? last : null;
}

/// <param name="Failure">Null when the session opened; else what kind of failure (see <see cref="SmtpFailures"/>).</param>
public sealed record SmtpProbeResult(EmailFailureKind? Failure, string Description, DateTimeOffset CheckedAt);
