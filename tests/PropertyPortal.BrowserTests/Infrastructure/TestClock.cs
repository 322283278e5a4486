namespace PropertyPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal's clock in browser tests: real time plus an offset a test moves, so a test can jump past a
/// deadline while sign-in cookies, antiforgery and the page's live countdowns keep working. The server is
/// shared by every test, so a test that moves it must <see cref="Reset"/> it when done.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Back to real time.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
