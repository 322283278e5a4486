using Microsoft.AspNetCore.Http.Extensions;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>Paging of a list page; keeps the rest of the query string when moving between pages.</summary>
public sealed record PageInfo(int Page, int PageSize, int Total, string Path, IQueryCollection Query)
{
    public const int DefaultSize = 50;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Math.Max(1, Page) - 1) * PageSize;

    public string UrlFor(int page)
    {
        var qb = new QueryBuilder(Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "page", Math.Clamp(page, 1, PageCount).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return Path + qb.ToQueryString();
    }

    public static PageInfo For(HttpRequest request, int page, int total, int pageSize = DefaultSize) =>
        new(Math.Max(1, page), pageSize, total, request.PathBase + request.Path, request.Query);
}
