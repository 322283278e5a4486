using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>A write aimed at another property's record answers 404, exactly as a read of it does.</summary>
public sealed class ScopeViolationFilter(ILogger<ScopeViolationFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is PropertyScopeViolationException ex)
        {
            logger.LogWarning("Refused a write outside the user's properties: {Reason} by {User}", ex.Message, context.HttpContext.User.Identity?.Name);
            context.Result = new NotFoundResult();
            context.ExceptionHandled = true;
        }
    }
}
