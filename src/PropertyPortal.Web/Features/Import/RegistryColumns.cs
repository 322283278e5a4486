using System.Text;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Import;

/// <summary>
/// The words people put in registry sheets: column headers (Chinese, with common variants and English
/// aliases) and the values of the choice columns. Matching ignores case, spaces, "*" required markers
/// and a unit in brackets, so "建筑面积（㎡）*" and "Area (m2)" both mean 建筑面积.
/// </summary>
public static class RegistryColumns
{
    private static readonly Dictionary<RegistryColumn, string[]> Headers = new()
    {
        [RegistryColumn.BuildingCode] = ["楼栋编号", "楼栋代码", "楼栋号", "楼号", "楼栋", "buildingcode", "building"],
        [RegistryColumn.BuildingName] = ["楼栋名称", "楼名", "buildingname"],
        [RegistryColumn.UnitNumber] = ["房号", "房屋编号", "房间号", "房屋号", "单元号", "unitnumber", "unitno", "unit", "room"],
        [RegistryColumn.Floor] = ["楼层", "所在楼层", "floor"],
        [RegistryColumn.Area] = ["建筑面积", "面积", "area", "grossarea"],
        [RegistryColumn.UnitType] = ["房屋类型", "房屋用途", "用途", "unittype", "type"],
        [RegistryColumn.UnitStatus] = ["房屋状态", "状态", "unitstatus", "status"],
        [RegistryColumn.CustomerName] = ["住户姓名", "住户名称", "客户姓名", "业主姓名", "姓名", "customername", "customer", "name"],
        [RegistryColumn.CustomerKind] = ["住户类型", "客户类型", "customerkind", "customertype", "kind"],
        [RegistryColumn.IdType] = ["证件类型", "idtype", "iddocumenttype", "documenttype"],
        [RegistryColumn.IdNumber] = ["证件号码", "证件号", "身份证号", "身份证号码", "idnumber", "idno"],
        [RegistryColumn.Phone] = ["联系电话", "电话", "手机", "手机号", "手机号码", "phone", "mobile"],
        [RegistryColumn.Phone2] = ["备用电话", "电话2", "其他电话", "phone2", "alternatephone", "altphone"],
        [RegistryColumn.Role] = ["身份", "住户身份", "业主/租户", "role"],
        [RegistryColumn.StartDate] = ["入住日期", "起始日期", "开始日期", "startdate", "moveindate", "movein"],
    };

    private static readonly Dictionary<string, RegistryColumn> ByAlias =
        Headers.SelectMany(h => h.Value.Select(a => (Alias: a, Column: h.Key))).ToDictionary(x => x.Alias, x => x.Column);

    private static readonly Dictionary<string, UnitType> UnitTypes = Map<UnitType>(
        ("住宅", Domain.Registry.UnitType.Residence), ("住房", Domain.Registry.UnitType.Residence), ("residence", Domain.Registry.UnitType.Residence), ("residential", Domain.Registry.UnitType.Residence),
        ("办公", Domain.Registry.UnitType.Office), ("写字楼", Domain.Registry.UnitType.Office), ("office", Domain.Registry.UnitType.Office),
        ("商铺", Domain.Registry.UnitType.Shop), ("商业", Domain.Registry.UnitType.Shop), ("shop", Domain.Registry.UnitType.Shop),
        ("车位", Domain.Registry.UnitType.Parking), ("停车位", Domain.Registry.UnitType.Parking), ("parking", Domain.Registry.UnitType.Parking),
        ("储藏室", Domain.Registry.UnitType.Storage), ("储物间", Domain.Registry.UnitType.Storage), ("storage", Domain.Registry.UnitType.Storage),
        ("其他", Domain.Registry.UnitType.Other), ("其它", Domain.Registry.UnitType.Other), ("other", Domain.Registry.UnitType.Other));

    private static readonly Dictionary<string, UnitStatus> UnitStatuses = Map<UnitStatus>(
        ("空置", Domain.Registry.UnitStatus.Vacant), ("vacant", Domain.Registry.UnitStatus.Vacant),
        ("已入住", Domain.Registry.UnitStatus.Occupied), ("入住", Domain.Registry.UnitStatus.Occupied), ("occupied", Domain.Registry.UnitStatus.Occupied),
        ("装修中", Domain.Registry.UnitStatus.UnderRenovation), ("装修", Domain.Registry.UnitStatus.UnderRenovation), ("underrenovation", Domain.Registry.UnitStatus.UnderRenovation), ("renovation", Domain.Registry.UnitStatus.UnderRenovation));

    private static readonly Dictionary<string, CustomerKind> CustomerKinds = Map<CustomerKind>(
        ("个人", Domain.Registry.CustomerKind.Person), ("person", Domain.Registry.CustomerKind.Person), ("individual", Domain.Registry.CustomerKind.Person),
        ("单位", Domain.Registry.CustomerKind.Company), ("公司", Domain.Registry.CustomerKind.Company), ("企业", Domain.Registry.CustomerKind.Company), ("company", Domain.Registry.CustomerKind.Company));

    private static readonly Dictionary<string, IdDocumentType> IdTypes = Map<IdDocumentType>(
        ("身份证", IdDocumentType.IdCard), ("居民身份证", IdDocumentType.IdCard), ("idcard", IdDocumentType.IdCard),
        ("护照", IdDocumentType.Passport), ("passport", IdDocumentType.Passport),
        ("回乡证", IdDocumentType.HomeReturnPermit), ("港澳居民来往内地通行证", IdDocumentType.HomeReturnPermit), ("台胞证", IdDocumentType.HomeReturnPermit),
        ("港澳台居民证件", IdDocumentType.HomeReturnPermit), ("港澳台居民居住证", IdDocumentType.HomeReturnPermit), ("homereturnpermit", IdDocumentType.HomeReturnPermit),
        ("营业执照", IdDocumentType.BusinessLicence), ("统一社会信用代码", IdDocumentType.BusinessLicence), ("businesslicence", IdDocumentType.BusinessLicence), ("businesslicense", IdDocumentType.BusinessLicence),
        ("其他", IdDocumentType.Other), ("其它", IdDocumentType.Other), ("其他证件", IdDocumentType.Other), ("other", IdDocumentType.Other));

    private static readonly Dictionary<string, OccupancyRole> Roles = Map<OccupancyRole>(
        ("业主", OccupancyRole.Owner), ("产权人", OccupancyRole.Owner), ("owner", OccupancyRole.Owner),
        ("租户", OccupancyRole.Tenant), ("承租人", OccupancyRole.Tenant), ("tenant", OccupancyRole.Tenant));

    /// <summary>The header the template uses for a column.</summary>
    public static string Title(RegistryColumn column) => Headers[column][0];

    public static RegistryColumn? Match(string header) => ByAlias.TryGetValue(Key(header, stripBrackets: true), out var c) ? c : null;

    public static UnitType? UnitType(string text) => Find(UnitTypes, text);

    public static UnitStatus? UnitStatus(string text) => Find(UnitStatuses, text);

    public static CustomerKind? CustomerKind(string text) => Find(CustomerKinds, text);

    public static IdDocumentType? IdType(string text) => Find(IdTypes, text);

    public static OccupancyRole? Role(string text) => Find(Roles, text);

    private static T? Find<T>(Dictionary<string, T> map, string text) where T : struct =>
        map.TryGetValue(Key(text, stripBrackets: false), out var value) ? value : null;

    private static Dictionary<string, T> Map<T>(params (string Text, T Value)[] pairs) where T : struct, Enum
    {
        var map = pairs.ToDictionary(p => p.Text, p => p.Value);
        foreach (var value in Enum.GetValues<T>())
        {
            map.TryAdd(value.ToString().ToLowerInvariant(), value);
        }

        return map;
    }

    private static string Key(string text, bool stripBrackets)
    {
        var s = text.Normalize(NormalizationForm.FormKC);
        if (stripBrackets)
        {
            var open = s.IndexOf('(', StringComparison.Ordinal);
            if (open > 0)
            {
                s = s[..open];
            }
        }

        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && c is not ('*' or '_' or '-' or '.'))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}
