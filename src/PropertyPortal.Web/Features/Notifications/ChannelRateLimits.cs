using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// The providers' rate limits (Notifications:Sms:RatePerSecond, Email:RatePerSecond, WeChatWork:RatePerMinute)
/// as token buckets shared by every dispatcher of this process; a send waits for its token before it is
/// claimed, so a lease never runs while a send is only waiting its turn. The outbox job runs on one
/// instance at a time (clustered Quartz), so for bulk sends this is the rate the provider sees.
/// </summary>
public sealed class ChannelRateLimits : IDisposable
{
    private readonly Dictionary<string, RateLimiter> _limiters;

    public ChannelRateLimits(IOptions<MessagingOptions> options)
    {
        var o = options.Value;
        _limiters = new Dictionary<string, RateLimiter>(StringComparer.Ordinal)
        {
            [NotificationChannels.Sms] = Bucket(o.Sms.RatePerSecond),
            [NotificationChannels.Email] = Bucket(o.Email.RatePerSecond),
            [NotificationChannels.WeChatWork] = Bucket(o.WeChatWork.RatePerMinute / 60.0),
        };
    }

    /// <summary>Waits until <paramref name="channel"/> may send once more; false when cancelled first.</summary>
    public async ValueTask<bool> WaitAsync(string channel, CancellationToken ct)
    {
        if (!_limiters.TryGetValue(channel, out var limiter))
        {
            return true;
        }

        try
        {
            using var lease = await limiter.AcquireAsync(1, ct);
            return lease.IsAcquired;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    /// <summary>
    /// A bucket refilled in small steps (every 100 ms at 10/s and more, one token per interval below), so a
    /// rate of 100/s goes out as 10 every 100 ms, not 100 in a burst at the top of each second.
    /// </summary>
    private static TokenBucketRateLimiter Bucket(double perSecond)
    {
        var (tokens, period) = perSecond >= 10
            ? ((int)Math.Max(1, Math.Round(perSecond / 10)), TimeSpan.FromMilliseconds(100))
            : (1, TimeSpan.FromSeconds(1 / Math.Max(perSecond, 0.001)));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
