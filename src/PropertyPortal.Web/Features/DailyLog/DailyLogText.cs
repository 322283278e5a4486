namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>Marker for DailyLogText.resx: the strings of the daily log (工作日志).</summary>
public sealed class DailyLogText;
