using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace PropertyPortal.Web.Infrastructure.Localization;

/// <summary>
/// The framework's .resx localizers with each looked-up string kept per culture. A page asks for a few hundred strings (headings,
/// enum names, labels), and every lookup went through <see cref="System.Resources.ResourceManager"/>, which takes a lock for its
/// culture fallback: under 32 concurrent requests the lock was contended (a profile, issue 21). Resources are compiled into the
/// assembly and never change while the process runs, so the first answer per culture and name is the answer.
/// </summary>
public sealed class CachingStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);
    private readonly ConcurrentDictionary<(Type? Type, string? BaseName, string? Location), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, null, null), k => new CachingStringLocalizer(_inner.Create(k.Type!)));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((null, baseName, location), k => new CachingStringLocalizer(_inner.Create(k.BaseName!, k.Location!)));
}

/// <summary>One resource's strings, looked up once per culture (<see cref="CachingStringLocalizerFactory"/>).</summary>
public sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name] =>
        _strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (k, localizer) => localizer[k.Name], inner);

    /// <summary>As the framework's: the culture's format (or the name when there is none) filled in the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
