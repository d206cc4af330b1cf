"""Line-level page-chrome filter that also lifts the metadata the chrome carries.

Text dumps of news pages (and the main-content text trafilatura gives for HTML) still hold
page furniture: breadcrumbs, 上篇/下篇, 相关内容 link lists, 放大 缩小 默认, login prompts,
hit counters, copyright/ICP footers, site addresses, bylines … (FACTS.md §1). Every kind is a
named ``ChromeRule`` in ``CHROME_RULES``; a line a rule removes is counted under the rule's
name (``chrome.icp``) so a run can show what it threw away. Named groups in a rule's pattern
(``site``, ``source_name``) lift what the line says into metadata instead of losing it.

Metadata lines (``来源:科技站 更新于:2020年6月24日 阅读:``) are recognised by the
``META_FIELDS`` table: once the dates, sources, hit counters and URLs on a line are taken
out, nothing but an optional site name may remain. Bylines (``本报记者 康劲 本报通讯员
马世元``, ``本期执行:记者 林伊婷 秦越``) are parsed into authors by ``parse_byline``.

For text dumps the filter also finds the title: the first line left after the chrome (a
kicker ending in ``——`` before it and a ``——subtitle`` after it belong to the headline block,
not to the body). All rules are written for Simplified text: the cleaning stage converts
Traditional pages before calling ``filter_chrome``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors.publication_date import iso_date
from pipeline.script import CJK as _HAN  # the one definition of a CJK ideograph

log = logging.getLogger(__name__)

# A line ending like a sentence (closing quotes and brackets may follow) is prose, not a
# link, a teaser or a label. A '?' inside the line proves nothing: mojibake is full of them.
PROSE_END = re.compile(r"[。！？!?；;…][”’」』\"')）]*$")
# A line ending like a statement (not a headline's ？ or ！): once one is kept, the page's head is over.
SENTENCE_END = re.compile(r"[。；;…][”’」』\"')）]*$")
# Whitespace a line is trimmed of (no-break, ideographic and zero-width spaces included).
_EDGE_SPACE = " \t\r\n\u00a0\u3000\u2002\u2003\u2009\u200b\u200c\u200d\ufeff"
_INNER_SPACE = re.compile("[\u00a0\u3000\u2002\u2003\u2009]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff]")

# A calendar date as pages print it in metadata: 2021-03-22, 2021/3/22, 2021.03.22, 2020年6月24日.
DATE = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
TIME = r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
# A labelled date with a two-digit year (Baidu's 发布时间：18-03-08): the year is 20YY.
SHORT_YEAR_DATE = r"(?<!\d)\d{2}-\d{2}-\d{2}"  # its time may follow unspaced: 18-03-0823:16

# Longest kept line that can still be a title of a text dump.
MAX_TITLE_CHARS = 64
# A metadata line may keep at most this much text besides its fields (the site name).
MAX_META_RESIDUE = 16
# Longest line looked at as a metadata line.
MAX_META_LINE = 160


def normalise_line(line: str) -> str:
    """Trim a line of every kind of space; inner no-break/ideographic spaces become plain spaces."""
    line = _INVISIBLE.sub("", line.strip(_EDGE_SPACE))
    return _INNER_SPACE.sub(" ", line)


# --- metadata -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetaField:
    """A field printed in a page's metadata line; ``field`` None means "noise, just remove it"."""

    name: str
    field: str | None
    pattern: re.Pattern[str]
    priority: int = 0  # lower wins when several lines offer the same field


# Priorities of the publication dates a page's chrome offers (FACTS.md §1 order; lower wins).
PRIORITY_LABELLED_DATE, PRIORITY_DATELINE, PRIORITY_HEAD_DATE = 0, 1, 2

META_FIELDS: tuple[MetaField, ...] = (
    MetaField(
        "meta.published_label",
        "published",
        re.compile(
            r"(?:更新于|更新时间|更新日期|发布于|发布时间|发布日期|发表时间|发表日期|发表于|发稿时间|刊发时间|"
            r"发文日期|成文日期|上传时间|录入时间|添加时间|时间|日期|Published|Date)\s*[:：]?\s*"
            rf"(?P<value>{DATE}|{SHORT_YEAR_DATE}){TIME}",
            re.I,
        ),
        priority=PRIORITY_LABELLED_DATE,
    ),
    # A bare date on a metadata line: the page's printed date, after a labelled date and a dateline.
    MetaField("meta.published", "published", re.compile(rf"(?P<value>{DATE}){TIME}"), priority=PRIORITY_HEAD_DATE),
    MetaField(
        "meta.source",
        "source_name",
        re.compile(r"(?:来源|来自|稿源|出处|信息来源|文章来源|新闻来源|消息来源)\s*[:：]\s*(?P<value>[^\s:：|｜]{1,30})?"),
    ),
    MetaField(
        "meta.author",
        "authors",
        re.compile(rf"(?:作者|撰稿|撰文|记者|文)\s*[:：/]\s*(?P<value>[{_HAN}·]{{2,5}}(?:[ 、，,][{_HAN}·]{{2,5}})*)"),
    ),
    MetaField("meta.editor", None, re.compile(rf"(?:责任编辑|责编|编辑|审核|校对|编审)\s*[:：]\s*[{_HAN}·]{{2,5}}")),
    MetaField(
        "meta.hit_counter",
        None,
        re.compile(r"(?:点击量|点击数|点击率|阅读量|阅读数|阅读次数|浏览量|浏览次数|访问量|访问次数|阅读|点击|浏览|人气)\s*[:：]?\s*\d*\s*次?"),
    ),
    MetaField("meta.url", None, re.compile(r"(?:https?://|www\.)[\w./?%&=#:~+-]+", re.I)),
    MetaField("meta.font_size", None, re.compile(r"字号\s*[:：]?\s*(?:[大中小]\s*){1,3}|【\s*[大中小]\s*】")),
)

# What a metadata line may keep besides its fields: a site name (广元工会网) or nothing.
SITE_NAME = re.compile(rf"^[{_HAN}A-Za-z0-9·]{{2,14}}(?:网|报|日报|晚报|日报社|报社|杂志社|新闻网|网站|在线|电视台|广播电台|融媒体中心|频道|官网|客户端)$")
_RESIDUE_NOISE = re.compile(r"[\s|｜/\\()（）\[\]【】<>《》:：,，;；·•\-—_]+")


@dataclass(slots=True)
class PageMeta:
    """Metadata lifted from a page's chrome; each field keeps the best-priority value offered."""

    published: str | None = None
    site: str | None = None
    source_name: str | None = None
    authors: list[str] = field(default_factory=list)
    priority: dict[str, int] = field(default_factory=dict)  # field → priority of the value kept

    def offer(self, name: str, value: str | None, priority: int = 0) -> None:
        """Propose ``value`` for field ``name``; authors accumulate, other fields keep the best one."""
        value = (value or "").strip()
        if not value:
            return
        if name == "authors":
            if value not in self.authors:
                self.authors.append(value)
            return
        if name == "published":
            value = iso_date(value)
            if value is None:
                return
        if getattr(self, name) is None or priority < self.priority.get(name, 99):
            setattr(self, name, value)
            self.priority[name] = priority


def lift_meta_line(line: str, meta: PageMeta, counters: Counter[str], *, in_head: bool) -> bool:
    """If ``line`` is only metadata (plus maybe a site name), lift its fields and return True.

    A bare date counts only ``in_head`` (no prose kept above it, only headlines and labels): a date alone
    further down is a related item's date, not the page's.
    """
    if len(line) > MAX_META_LINE or PROSE_END.search(line):
        return False  # metadata lines do not end like sentences
    found: list[tuple[MetaField, str]] = []
    rest = line
    for mf in META_FIELDS:
        def take(m: re.Match[str], mf: MetaField = mf) -> str:
            found.append((mf, m.groupdict().get("value") or ""))
            return " "
        rest = mf.pattern.sub(take, rest)
    if not found:
        return False
    residue = _RESIDUE_NOISE.sub("", rest)
    if residue and not (len(residue) <= MAX_META_RESIDUE and SITE_NAME.match(residue)):
        return False
    labelled = [f for f, _ in found if f.name != "meta.published"]
    if not labelled and not in_head and not residue:
        return False  # a lone date below the article: a related item's, leave it to the rules
    for mf, value in found:
        if mf.field == "authors":
            for name in re.split(r"[ 、，,]+", value):
                meta.offer("authors", name)
        elif mf.field is not None:
            meta.offer(mf.field, value, mf.priority)
    if residue:
        meta.offer("site", residue, priority=1)
    counters.update(mf.name for mf, _ in found)
    return True


def first_labelled_date(lines: Iterable[str]) -> str | None:
    """The first labelled date (``发布时间：18-03-08``) on a metadata line of a page's whole text: the
    page header's date when the article text left it out."""
    for line in lines:
        meta = PageMeta()
        line = normalise_line(line)
        if line and lift_meta_line(line, meta, Counter(), in_head=False) and meta.priority.get("published") == PRIORITY_LABELLED_DATE:
            return meta.published
    return None


# --- bylines ---------------------------------------------------------------------------------

# Credit labels of bylines; True for the roles whose names are the article's authors.
BYLINE_ROLES: dict[str, bool] = {
    "本报记者": True, "本报特约记者": True, "本报通讯员": True, "特约记者": True, "记者": True,
    "通讯员": True, "实习记者": True, "实习生": True, "作者": True, "撰稿": True, "撰文": True,
    "文": True, "文字": True, "执笔": True, "本期执行": True, "执行": True,
    "本期策划": False, "策划": False, "统筹": False, "责任编辑": False, "责编": False, "编辑": False,
    "审核": False, "校对": False, "编审": False, "摄影": False, "摄": False, "图": False,
    "图片": False, "视频": False, "设计": False, "制图": False, "监制": False, "出品": False,
}
# Multi-character labels may run straight into the name (记者陈华); one-character labels
# (文/图/摄) only count before a colon or slash, or at the line end (胡小龙 摄), since they
# also occur inside names (李文华).
_LONG_LABEL = "|".join(sorted((re.escape(k) for k in BYLINE_ROLES if len(k) > 1), key=len, reverse=True))
_SHORT_LABEL = "|".join(re.escape(k) for k in BYLINE_ROLES if len(k) == 1)
_LABEL = rf"(?:{_LONG_LABEL})\s*[:：/|｜]?|(?:{_SHORT_LABEL})\s*(?:[:：/|｜]|$)"
_BYLINE_TOKEN = re.compile(
    rf"(?:(?P<label>{_LABEL})|(?P<name>(?:(?!{_LONG_LABEL})[{_HAN}·]){{2,4}}|[A-Z][A-Za-z.\- ]{{1,30}}[a-z.])|(?P<sep>[、，,;；\s]+))"
)
_LABEL_WORD = re.compile(rf"{_LONG_LABEL}|{_SHORT_LABEL}")
MAX_BYLINE_CHARS = 60


def parse_byline(line: str) -> list[tuple[str, bool]] | None:
    """A credit line → ``[(name, is_author)]``, or None when the line is anything else.

    The whole line must be labels, names and separators, starting with a label, with a
    separator or a label after each name:
    ``本报记者 康劲 本报通讯员 马世元``, ``本期执行:记者 林伊婷 秦越 许金植``, ``(记者 陈华)``.
    """
    text = line.strip("()（）【】[] ")
    if not text or len(text) > MAX_BYLINE_CHARS:
        return None
    names: list[tuple[str, bool]] = []
    role: bool | None = None
    previous: str | None = None
    pos = 0
    while pos < len(text):
        m = _BYLINE_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None
        if m.group("label"):
            role = BYLINE_ROLES[_LABEL_WORD.match(m.group("label")).group()]
        elif m.group("name"):
            if role is None or previous == "name":  # two names glued together: a sentence, not a byline
                return None
            names.append((m.group("name").strip(), role))
        previous = m.lastgroup
        pos = m.end()
    return names or None


# --- chrome rules --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChromeRule:
    """A kind of page chrome: lines matching ``pattern`` (and no longer than ``max_chars``) go.

    ``ends_article``: what follows is page tail, so lines there that are not prose are dropped
    as ``chrome.tail``. ``after``: the rule only applies right after a line removed by one of
    these rules (a 摘要 teaser under a listed headline). Named groups ``site``/``source_name``
    lift their text into metadata with ``priority``. ``needs``: words (a pattern of plain
    alternatives, with the pattern's flags) one of which every line ``pattern`` matches contains:
    searched first, it rules out nearly every line for a fraction of the cost of ``pattern``
    (whose optional groups and ``.{0,20}`` are tried at every position of a line); the rule
    decides the same (tested on the corpus).
    """

    name: str
    pattern: re.Pattern[str]
    max_chars: int = 80
    ends_article: bool = False
    after: tuple[str, ...] = ()
    priority: int = 5
    needs: re.Pattern[str] | None = None


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_NO_PROSE = r"(?!.*[。！？；])"
# One item of a pager: a page number, an arrow, or a page link (1 2 3 下一页 尾页).
_PAGE_ITEM = r"(?:\d{1,3}|[<>«»|/]|[上下]一?页|首页|尾页|末页)"
_BULLET = "•·・▪▫◆◇■□►▶▸※●○◎"

CHROME_RULES: tuple[ChromeRule, ...] = (
    ChromeRule("chrome.breadcrumb", _rx(
        r"^(?:首页|主页|网站首页|当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|位置)\s*[:：]?.*?(?:[>＞»→]|&gt;)"
        r"|^(?:[^\s>＞»→]{1,12}\s*[>＞»→]\s*){2,}[^\s>＞»→]{1,12}$"), max_chars=100, needs=_rx("[>＞»→]|&gt;")),
    ChromeRule("chrome.prev_next", _rx(r"^(?:上一篇|下一篇|上篇|下篇|上一条|下一条|上一页|下一页|前一篇|后一篇)\s*[:：]?"),
               max_chars=100, ends_article=True),
    ChromeRule("chrome.related", _rx(
        r"^[【\[]?(?:相关内容|相关新闻|相关阅读|相关文章|相关链接|相关报道|相关推荐|延伸阅读|推荐阅读|热点推荐|热门推荐|"
        r"热门文章|热点新闻|精彩推荐|猜你喜欢|更多新闻|更多阅读|友情链接|最新文章|最新新闻|往期回顾|大家都在看|重点推荐|今日推荐|"
        r"编辑推荐|为您推荐|相关搜索|热门搜索|点击排行|热门排行|排行榜)[】\]]?\s*[:：>》]*$"),
        max_chars=20, ends_article=True),
    ChromeRule("chrome.share_zoom", _rx(
        r"放大\s*缩小|字号\s*[:：]?\s*[大中小]|【\s*[大中小]\s*】|分享到|分享至|扫一扫|打印本页|【\s*打印\s*】|关闭窗口|"
        r"【\s*关闭\s*】|\[\s*打印\s*\]|\[\s*关闭\s*\]|收藏本页|字体\s*[:：]\s*[大中小]"), max_chars=60),
    ChromeRule("chrome.nav_label", _rx(
        r"^(?:内容搜索|标题导航|返回顶部|返回首页|返回目录|返回列表|网站地图|站内搜索|全文检索|搜索|导航|目录|查看原文|阅读原文|"
        r"点击查看|更多|更多>>|>>更多|进入专题|点击进入|打印|关闭|收藏|评论|点赞|在看|转发|举报|字号)$"), max_chars=12),
    ChromeRule("chrome.site_links", _rx(
        r"联系我们|网站地图|设为首页|加入收藏|关于我们|返回顶部|网站声明|免责声明|隐私政策|意见反馈|帮助中心|投稿指南|广告服务|招聘英才"),
        max_chars=80, ends_article=True),
    ChromeRule("chrome.login", _rx(
        r"(?:登录|登陆|注册).{0,20}(?:评论|发表|注册|登录|密码)|(?:请|需要|您需要|后才可以).{0,10}(?:登录|登陆)|"
        r"(?:账号|帐号|用户名)\s*[:：]?\s*密码"), max_chars=60, ends_article=True, needs=_rx("登录|登陆|注册|密码")),
    ChromeRule("chrome.comment", _rx(
        r"^(?:网友评论|发表评论|我要评论|全部评论|热门评论|最新评论|参与评论|评论\s*[（(]?\d+[)）]?\s*条?|已有\s*\d+\s*人参与)"
        r"|人参与$|\d+\s*条评论|^\d*\s*条?跟[贴帖]|跟[贴帖]热词|^(?:查看|全部)跟[贴帖]"),
        max_chars=40, ends_article=True),
    ChromeRule("chrome.tags", _rx(r"^(?:关键词|关键字|标签|热词|tags?)(?:阅读)?\s*[:：]", re.I), max_chars=80),
    ChromeRule("chrome.more_link", _rx(
        r"^(?:更多|查看更多|点击查看|点击进入|进入).{0,16}(?:请点击|>>|》》|›|»)|更多精彩.{0,12}(?:点击|关注|请)"), max_chars=40),
    ChromeRule("chrome.pager", _rx(
        rf"^(?:{_PAGE_ITEM}\s*)*(?:[上下]一?页|首页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*页)(?:\s*{_PAGE_ITEM})*$|^(?:\d{{1,3}}\s+){{2,}}\d{{1,3}}$"),
        max_chars=40),
    ChromeRule("chrome.copyright", _rx(
        r"(?:(?:^|(?<=[\s:：]))(?P<site>[^\s:：]{2,20}?)\s*)?版权所有|版权归.{0,20}所有|copyright|©|\(c\)\s*\d{4}|all\s+rights\s+reserved|"
        r"未经.{0,15}(?:授权|许可|同意).{0,10}(?:转载|复制|使用)|转载请注明", re.I), max_chars=150, ends_article=True, priority=5,
        needs=_rx(r"版权|copyright|©|\(c\)|reserved|未经|转载请注明", re.I)),
    ChromeRule("chrome.icp", _rx(
        r"ICP\s*(?:备|证)|公网安备|网安备|公安备案|备案号|备案序号|增值电信业务经营许可证|新闻信息服务许可|信息网络传播视听节目许可",
        re.I), max_chars=150, ends_article=True, needs=_rx("icp|安备|备案|许可", re.I)),
    ChromeRule("chrome.address", _rx(
        r"^(?:地址|通讯地址|联系地址|社址|单位地址)\s*[:：]|(?:邮编|邮政编码)\s*[:：]?\s*\d{6}|"
        r"(?:电话|举报电话|联系电话|传真|热线|服务热线)\s*[:：]\s*[\d\-\s()（）转]{7,}|"
        r"(?:举报邮箱|电子邮箱|邮箱|E-?mail)\s*[:：]\s*\S+@\S+", re.I), max_chars=120, ends_article=True,
        needs=_rx("地址|社址|邮编|邮政编码|电话|传真|热线|邮箱|e-?mail", re.I)),
    ChromeRule("chrome.tech_support", _rx(
        r"技术支持\s*[:：]|网站维护\s*[:：]|设计制作|网站建设\s*[:：]|制作维护|网站设计\s*[:：]|技术服务\s*[:：]|powered\s+by", re.I),
        max_chars=80, ends_article=True),
    ChromeRule("chrome.site_owner", _rx(
        r"^(?:主办单位|网站主办|主办|主管单位|主管|承办单位|运营单位|运维单位)\s*[:：]\s*(?P<site>[^\s:：]{2,20})"),
        max_chars=40, ends_article=True, priority=4),
    ChromeRule("chrome.browser_advice", _rx(
        r"(?:建议|推荐|最佳).{0,12}(?:浏览器|分辨率|浏览效果)|\d{3,4}\s*[*×xX]\s*\d{3,4}\s*(?:分辨率|像素)", re.I), max_chars=100,
        needs=_rx("浏览器|分辨率|浏览效果|像素", re.I)),
    ChromeRule("chrome.image_file", _rx(r"^[\w\-.()（） ]{1,80}\.(?:jpe?g|png|gif|bmp|webp|tiff?)$", re.I), max_chars=100),
    ChromeRule("chrome.paper_meta", _rx(
        r"^(?:报刊|报纸|刊名)\s*[:：]\s*(?P<site>\S{2,20})$|^(?:期次|版次|版名|版面|刊期|期号)\s*[:：]|^第\s*\d+\s*版\s*[:：]"),
        max_chars=40, priority=2),
    ChromeRule("chrome.site_name", _rx(
        rf"^(?P<site>[{_HAN}A-Za-z0-9·]{{2,14}}(?:日报社|报社|杂志社|出版社|新闻网|网站|电视台|广播电台|融媒体中心|官网|门户网))$"),
        max_chars=20, priority=3),
    ChromeRule("chrome.column_label", _rx(
        r"^[【\[]?(?:阅读提示|新闻特写|图片新闻|新闻链接|编者按|记者手记|相关链接|背景链接|新闻背景|小贴士|图为|视频|音频)[】\]]?$"),
        max_chars=8),
    ChromeRule("chrome.link_list", _rx(rf"^[{_BULLET}]\s*\S{_NO_PROSE}.{{0,48}}$"), max_chars=50),
    ChromeRule("chrome.headline_list", _rx(r"^[【\[]?摘\s*要[】\]]?\s*[:：]"), max_chars=400,
               after=("chrome.link_list", "chrome.headline_list")),
    ChromeRule("chrome.dated_link", _rx(rf"^{_NO_PROSE}[^，,]{{2,40}}?\s*[\[(（]?{DATE}[\])）]?$"), max_chars=56),
    ChromeRule("chrome.table_rule", _rx(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$"), max_chars=400),
    ChromeRule("chrome.nav_menu", _rx(
        r"^\|?\s*(?:[^|\s。，,]{1,8}\s*\|\s*){3,}[^|\s。，,]{0,8}\s*\|?$"),
        max_chars=160),
)


def match_chrome(line: str, previous_rule: str | None = None) -> tuple[ChromeRule, re.Match[str]] | None:
    """The first rule of ``CHROME_RULES`` that removes ``line`` (given the rule that removed the line before)."""
    n = len(line)
    for rule in CHROME_RULES:
        if n > rule.max_chars or (rule.after and previous_rule not in rule.after) or (
                rule.needs is not None and not rule.needs.search(line)):
            continue
        m = rule.pattern.search(line)
        if m:
            return rule, m
    return None


# --- the filter -----------------------------------------------------------------------------------

# A title may end in ！ or ？ but not like a sentence or a clause (。；，：、).
TITLE_BAD_END = re.compile(r"[。；;，,：:、]$")
MAX_KICKER_CHARS = 100
KICKER_END = re.compile(r"(?:——|—|--)\s*$")
SUBTITLE_START = re.compile(r"^(?:——|—|--)\s*\S")
# A dateline at the head of a lead paragraph: 新华社北京2020年6月24日电, 本报讯 2021年3月22日.
DATELINE = re.compile(rf"^[(（【]?[{_HAN}]{{0,14}}?(?P<value>(?:19|20)\d{{2}}年\d{{1,2}}月\d{{1,2}}日)\s*(?:电|讯)")
# How many leading body paragraphs are searched for a dateline.
DATELINE_PARAGRAPHS = 3
# A line that ends page-tail mode: prose of at least this many characters.
MIN_TAIL_PROSE = 20


@dataclass(slots=True)
class ChromeResult:
    """The body lines left after the chrome, the title found (text dumps) and what was lifted."""

    paragraphs: list[str]
    title: str | None
    meta: PageMeta
    counters: Counter[str]


def filter_chrome(lines: Iterable[str], *, find_title: bool = True) -> ChromeResult:
    """Drop chrome lines, lift their metadata and (when ``find_title``) take the title line."""
    meta = PageMeta()
    counters: Counter[str] = Counter()
    body: list[str] = []
    title: str | None = None
    looking_for_title = find_title
    after_title = False  # the line right after the title: a ——subtitle may sit there
    in_tail = False
    prose_seen = False  # a body line of prose has been kept (not a headline or a label): the head is over
    previous_rule: str | None = None

    for raw_line in lines:
        line = normalise_line(raw_line)
        if not line:
            continue
        in_head = not prose_seen  # only short labels (石佳/中国青年报) above: still the page's head
        removed_by: str | None = None

        if lift_meta_line(line, meta, counters, in_head=in_head):
            removed_by = "chrome.meta_line"
        elif hit := match_chrome(line, previous_rule):
            rule, m = hit
            removed_by = rule.name
            for group in ("site", "source_name"):
                if group in rule.pattern.groupindex and m.group(group):
                    meta.offer(group, m.group(group), rule.priority)
            in_tail = in_tail or (rule.ends_article and bool(body))  # site links above the article end nothing
        elif (credits := parse_byline(line)) is not None:
            removed_by = "chrome.byline"
            for name, is_author in credits:
                if is_author:
                    meta.offer("authors", name)
        elif in_tail and (len(line) < MIN_TAIL_PROSE or not PROSE_END.search(line)):
            removed_by = "chrome.tail"
        elif looking_for_title and KICKER_END.search(line) and len(line) <= MAX_KICKER_CHARS:
            removed_by = "title.kicker"
        elif looking_for_title and not TITLE_BAD_END.search(line) and len(line) <= MAX_TITLE_CHARS:
            title, looking_for_title, after_title = line, False, True
            previous_rule = "title"
            continue
        elif after_title and SUBTITLE_START.match(line):
            removed_by = "title.subtitle"

        after_title = False
        if removed_by:
            counters[removed_by] += 1
            previous_rule = removed_by
            continue
        if in_tail:
            in_tail = False  # prose again: the tail was a box inside the page, not its end
        looking_for_title = False
        previous_rule = None
        if len(body) < DATELINE_PARAGRAPHS and (m := DATELINE.match(line)):
            meta.offer("published", m.group("value"), priority=PRIORITY_DATELINE)
        body.append(line)
        prose_seen = prose_seen or len(line) > MAX_TITLE_CHARS or bool(SENTENCE_END.search(line))

    return ChromeResult(body, title, meta, counters)
