"""Code tables and name pools of the synthetic county (三调 codes per domain.md §1.4–1.5)."""

from __future__ import annotations

import numpy as np

COUNTY_CODE = "410821"
COUNTY_NAME = "示范县"
CITY_CODE = "410800"
CITY_NAME = "示范市"
PROVINCE_NAME = "河南省"
SURVEY_YEAR = 2023
SYNTHETIC = "合成示范数据，非真实数据（synthetic demo data, not real）"

FARMLAND = ("0101", "0102", "0103")

DLMC = {
    "0101": "水田",
    "0102": "水浇地",
    "0103": "旱地",
    "0201": "果园",
    "0204": "其他园地",
    "0301": "乔木林地",
    "0305": "灌木林地",
    "0307": "其他林地",
    "0404": "其他草地",
    "05H1": "商业服务业设施用地",
    "0508": "物流仓储用地",
    "0601": "工业用地",
    "0602": "采矿用地",
    "0701": "城镇住宅用地",
    "0702": "农村宅基地",
    "08H1": "机关团体新闻出版用地",
    "08H2": "科教文卫用地",
    "0809": "公用设施用地",
    "0810": "公园与绿地",
    "09": "特殊用地",
    "1001": "铁路用地",
    "1003": "公路用地",
    "1004": "城镇村道路用地",
    "1006": "农村道路",
    "1101": "河流水面",
    "1104": "坑塘水面",
    "1104A": "养殖坑塘",
    "1107": "沟渠",
    "1107A": "干渠",
    "1201": "空闲地",
    "1202": "设施农用地",
    "1206": "裸土地",
    "1207": "裸岩石砾地",
}

# mixes (code, weight) by zone
URBAN = (
    ("0701", 36),
    ("05H1", 12),
    ("0601", 9),
    ("08H2", 7),
    ("08H1", 4),
    ("0809", 3),
    ("0810", 5),
    ("1004", 10),
    ("0508", 4),
    ("1201", 4),
    ("0102", 6),
)
SETTLEMENT = (
    ("0702", 80),
    ("1004", 5),
    ("0809", 2),
    ("08H2", 2),
    ("1201", 3),
    ("1104", 3),
    ("05H1", 3),
    ("1202", 2),
)
HILLS = (
    ("0301", 28),
    ("0305", 14),
    ("0307", 10),
    ("0404", 12),
    ("0103", 24),
    ("0201", 5),
    ("1207", 4),
    ("0602", 3),
)
PLAIN_OTHER = (
    ("1104", 18),
    ("1104A", 4),
    ("0201", 15),
    ("0204", 5),
    ("1202", 14),
    ("0307", 9),
    ("0301", 8),
    ("0601", 9),
    ("1201", 5),
    ("09", 2),
    ("1206", 4),
    ("0404", 4),
    ("0702", 3),
)

# 田坎系数 by (GDPDJB, GDLX): TT values are domain.md §1.5's example; the rest are invented
KCXS = {
    ("1", ""): 0.0136,
    ("2", "TT"): 0.068,
    ("3", "TT"): 0.1195,
    ("4", "TT"): 0.1886,
    ("5", "TT"): 0.2557,
    ("2", "PD"): 0.0354,
    ("3", "PD"): 0.0718,
    ("4", "PD"): 0.1105,
    ("5", "PD"): 0.1452,
}

ZZSX = {
    "LS": "种植粮食作物",
    "FLS": "种植非粮食作物",
    "LYFL": "粮与非粮轮作",
    "XG": "休耕",
    "LLJZ": "林粮间作",
    "WG": "未耕种",
    "JKHF": "即可恢复",
    "GCHF": "工程恢复",
}
ZZSX_FARMLAND = (("LS", 78), ("FLS", 10), ("LYFL", 5), ("XG", 2), ("LLJZ", 2), ("WG", 3))
TBXH = {"HDGD": "河道耕地", "LQGD": "林区耕地", "LQYD": "林区园地"}
CZCSX_URBAN = "202"  # 建制镇
CZCSX_VILLAGE = "203"  # 村庄
CZCSX_VILLAGE_INDUSTRY = "203A"

# neighbour counties of the same city, and other counties of the province (codes only; synthetic)
CITY_COUNTIES = ("410802", "410803", "410811", "410822", "410823", "410825", "410882", "410883")
PROVINCE_COUNTIES = ("410181", "410526", "410702", "410922", "411081", "411122", "411323")

_SYL1 = (
    "东西南北前后上下大小新老马王李张刘陈杨赵黄周吴高林何郭罗宋郑谢韩唐冯董程曹袁邓许沈彭吕苏卢蒋蔡贾丁魏薛"
)
_SYL2 = "庄营寨屯店桥河沟坡岭湾集楼堡岗洼铺园场坊湖泉冲塘店口头圪滩"
_TOWN1 = "金水丰安宁和平兴华太仁义明德清河山柏桃杏槐柳松竹梅兰荷菊云龙凤鹤鹿牛马羊鸡犬麦稻黍稷"
_TOWN2 = "阳城山川沟原丘口岭河湖湾泉庄店集桥"
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁"
    "魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国立新春生文斌宇浩凯婷雪琳晨阳海波"
    "志红梅兰东林峰宏振宁坤鑫淑珍凤英德福永庆金山水松柏晓丹"
)


def weighted(rng: np.random.Generator, mix: tuple[tuple[str, int], ...], n: int) -> np.ndarray:
    """n codes drawn from a (code, weight) mix."""
    codes = np.array([c for c, _w in mix], dtype=object)
    w = np.array([w for _c, w in mix], dtype=np.float64)
    return codes[rng.choice(len(codes), n, p=w / w.sum())]


def place_names(rng: np.random.Generator, n: int, first: str, second: str, taken: set[str]) -> list[str]:
    """n distinct two-character place names not in ``taken`` (which is updated)."""
    pool = [a + b for a in first for b in second if a != b]
    order = rng.permutation(len(pool))
    out = []
    for i in order:
        name = pool[int(i)]
        if name not in taken:
            taken.add(name)
            out.append(name)
            if len(out) == n:
                return out
    raise ValueError("not enough distinct place names for {} units".format(n))


def village_names(rng: np.random.Generator, n: int, taken: set[str]) -> list[str]:
    names = place_names(rng, min(n, len(_SYL1) * len(_SYL2) - 1), _SYL1, _SYL2, taken)
    while len(names) < n:  # very large counties: add a third character
        extra = place_names(rng, min(n - len(names), 500), _SYL1, _SYL2, set())
        names += [e + "新" for e in extra if e + "新" not in taken]
    return names[:n]


def township_names(rng: np.random.Generator, n: int, taken: set[str]) -> list[str]:
    return place_names(rng, n, _TOWN1, _TOWN2, taken)


def person_names(rng: np.random.Generator, n: int) -> list[str]:
    """Fake Chinese names: a surname and one or two given characters."""
    s = rng.integers(0, len(SURNAMES), n)
    g1 = rng.integers(0, len(GIVEN), n)
    g2 = rng.integers(0, len(GIVEN), n)
    two = rng.uniform(0, 1, n) < 0.7
    return [SURNAMES[a] + GIVEN[b] + (GIVEN[c] if t else "") for a, b, c, t in zip(s, g1, g2, two)]


def phones(rng: np.random.Generator, n: int) -> list[str]:
    """Fake 11-digit mobile numbers (random; any match with a real number is accidental)."""
    prefix = np.array(["139", "138", "137", "135", "158", "186", "176", "199"])
    p = prefix[rng.integers(0, len(prefix), n)]
    body = rng.integers(0, 10**8, n)
    return ["{}{:08d}".format(a, int(b)) for a, b in zip(p, body)]
