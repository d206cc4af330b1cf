"""Counts of things, people and events (FACTS.md §2 count): ``60名选手``, ``扶贫车间266家``, ``6.5 万职工``.

A count is a number with a classifier (名, 家, 人次 …) or, without one, a number with
a big multiplier (万, 亿) right before a noun. :data:`RULES` is the ordered table of
rules; each names a regex, matched where a number starts, and a reader. One scan finds
the numbers followed by a classifier, 余/多 or a range separator (or ending in 万/亿); at
each the rules are tried in order, the first that reads a count wins, and the scan
resumes after it.

The counted noun (``entity``) is looked for after the classifier first (``60名选手``)
and, when nothing noun-like follows, before the number (``建成扶贫车间266家``): the
words between the last verb or function word of the clause and the number. It is
bounded by punctuation, the words in :data:`ENTITY_STOPS` and :data:`PREDICATE_VERBS`
and :data:`ENTITY_MAX` characters; :data:`ENTITY_KEEP` lists words that contain a stop
but are nouns (``国有``, ``运动员``). After 人 the words are what the people do
(``260万人受惠``): no noun; a noun before people must name people (``职工13374人次``,
not ``当地5.1万人次``). In a clause opened by ``其中`` ("of which") a count without a noun
counts the same thing as the count before it in the sentence (``建成扶贫车间266家，
其中厦门援建210家``).

Not counts: money and dates (``taken`` spans), ordinals (``第一名``, ``前6名``),
durations (``3个月``), the article ``一`` (``一场``, ``一批``: Chinese 一 with a
classifier is an indefinite article; statistics write ``1名``), digit-by-digit Chinese
(``五一``), vague words (``数百名``, ``十几个``), slogans and names with numerals
(``“四个全面”``, ``四位一体``, ``三个一``, :data:`NUMERAL_NAMES`).
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from extractors.facts import Approx, CountFact
from extractors.numbers import (
    ADJACENT_RANGE_PATTERN, APPROX_AFTER_PATTERN, CHINESE_DIGITS, MAGNITUDE_BEFORE, MAGNITUDE_BEFORE_PATTERN,
    MULTIPLIERS, NUMBER_PATTERN, QUANTITY_PATTERN, RANGE_SEPARATOR_PATTERN, alternation, approximation, bounds,
    number_scanner, number_start, parse_number, parse_range,
)
from extractors.protocol import Extractor, ExtractorInput
from extractors.sentences import Sentences, sentence_at

log = logging.getLogger(__name__)

__all__ = ["extract_counts", "RULES", "RULE_NAMES", "CLASSIFIERS", "CountRule", "ENTITY_MAX", "EXTRACTOR"]

# --- data --------------------------------------------------------------------------------
CLASSIFIERS: tuple[str, ...] = (
    # people and households
    "名", "人", "位", "户", "人次", "户次", "家次",
    # organisations, places, buildings
    "个", "家", "所", "座", "处", "间", "栋", "幢",
    # events and activities
    "场", "场次", "次", "项", "届次", "期次", "班", "班次", "轮", "轮次", "起", "例", "宗", "批", "批次",
    "种次", "台次", "件次", "人份", "列",
    # groups and kinds
    "支", "对", "组", "类", "种", "门", "款",
    # objects, vehicles, animals, documents
    "台", "辆", "架", "架次", "艘", "艘次", "车次", "件", "套", "部", "张", "枚", "颗", "块", "把", "本",
    "册", "篇", "条", "份", "首", "只", "头", "匹", "尾", "棵", "株",
)
# A classifier followed by one of these measures time or a proportion, not things
# (3个月, 5个百分点, 三个晚上): never a count.
NOT_COUNTED_AFTER: tuple[str, ...] = (
    "月", "小时", "钟头", "星期", "礼拜", "工作日", "交易日", "季度", "年头", "世纪", "学期", "学年", "财年", "赛季",
    "百分点", "基点", "半月", "半小时", "多月", "多小时", "晚上", "夜晚", "白天", "昼夜", "通宵", "周末", "课时",
)
# Without a classifier, a number with 万/亿 before a unit of measure is a quantity, not a count
# (83万吨, 25亿千瓦, 1.1万亩, 3万年).
MEASURE_WORDS: tuple[str, ...] = (
    "吨", "千瓦", "瓦", "兆瓦", "千瓦时", "度", "亩", "公顷", "平方", "平米", "立方", "方", "升", "毫升", "斤", "公斤",
    "千克", "克", "米", "千米", "公里", "里", "英里", "海里", "桶", "标准煤", "标箱", "标准箱", "总吨", "元", "美元",
    "倍", "分", "年", "天", "日", "周", "小时", "分钟", "秒", "岁", "字", "册", "点", "像素", "KB", "GB", "TB",
)
# Nouns that begin with a classifier's character: 七部门 is 7 departments (not 7 部 of 门),
# 12亿多人口 a population. The number counts the whole noun, without a classifier. (Not 家长,
# 家属, 名单: 5家长沙企业, 其中3家属于国企 and 3名单位负责人 are classifier + noun.)
CLASSIFIER_LED_NOUNS: tuple[str, ...] = (
    "部门", "部委", "部队", "人口", "人民", "人员", "家庭", "位置", "条件", "台湾", "头部", "本地", "本土",
)
# Words that begin with a classifier's character but make the number no count at all
# (2024台北国际书展, 3名字, 两位数增长, 十个亿, 10人座 …).
NOT_CLASSIFIER_WORDS: tuple[str, ...] = (
    "台湾", "台北", "台州", "台中", "台南", "台东", "台商", "台胞", "台企", "台资", "台办", "台青", "台风", "台阶",
    "名字", "名称", "名义", "名誉", "场所", "场地", "场景", "项目组", "本届", "本次", "本年", "本月", "本周",
    "头条", "起步", "起点", "起来", "条款", "对话", "对外", "对于", "对象", "批准", "所以", "所在", "处理", "处于",
    "间隔", "首都", "首次", "首批", "首届", "首位", "把握", "位数", "个亿", "个百万", "个千万", "人座", "人制",
    "头奖", "头号", "头版", "头等",
)
# A number right after 前/后 (not 目前, 之后 …) or 倒数 picks a rank or a selection, not a count:
# 前6名, 后两位, 前10家企业, 前两项.
_RANK_BEFORE = re.compile(r"(?:(?<![目之以此当提眼跟面向往空事生战课会饭睡日年月天节])前"
                          r"|(?<![之以然随此今先背落其午前战会赛饭年日月天节课事身善售产灾])后|倒数)\Z")
_RANK_LAST = frozenset("前后数")  # the last characters of _RANK_BEFORE: a quick test before it
# Names, slogans and idioms made of a numeral and a classifier.
NUMERAL_NAMES: tuple[str, ...] = (
    "四个全面", "四个意识", "四个自信", "两个维护", "两个确立", "两个一百年", "三个代表", "三个务必", "两个结合",
    "五位一体", "四位一体", "三位一体", "两个大局", "两个毫不动摇", "五个必由之路", "四个不摘", "两个巩固",
    "七台河", "五台山", "五台县", "三门峡", "三台县", "九台区", "八所镇", "三门县", "两个文明", "三轮车", "两轮车",
    "四轮驱动", "两条腿走路", "一条龙", "八项规定", "三次产业", "二次元",
    # idioms
    "五花八门", "三番五次", "三番两次", "千家万户", "成千上万", "成百上千", "千千万万", "百家争鸣", "三头六臂",
    "三天两头", "千头万绪", "三五成群", "四通八达", "七嘴八舌", "千军万马", "万户侯", "三口之家", "一家人", "四处",
)
# Words that end the counted noun: function words, adverbs, pronouns, modal verbs and time words.
ENTITY_STOPS: tuple[str, ...] = (
    # function words and adverbs
    "的", "了", "着", "过", "在", "是", "为", "有", "被", "把", "将", "从", "向", "对", "于", "到", "至", "以", "让",
    "给", "使", "由", "已", "已经", "均", "都", "共", "也", "还", "又", "并", "就", "才", "等", "正在", "正", "不",
    "中", "里", "内", "上", "下", "来", "去", "达", "约", "近", "逾", "超", "其中", "分别", "共计", "合计", "总计",
    "累计", "共有", "达到", "超过", "包括", "涉及", "同比", "比", "较", "首次", "连续", "最", "更", "再", "仍",
    "多个", "各", "每", "数个", "几个", "诸多", "一些", "附近", "左右", "不等", "以上", "以下", "之间", "一起",
    "共同", "同时", "先后", "相继", "积极", "踊跃", "纷纷", "全部", "全都", "陆续", "成功", "顺利", "一脉相承",
    "而", "而且", "并且", "但", "但是", "却", "则是", "便是", "就是", "只是", "只要", "只能", "正是", "即为", "均为",
    "都是", "仍然", "依然", "另有", "还有", "没", "没有", "未能", "所有", "其", "其余", "一次", "一口气", "接近",
    "将近", "至少", "最多", "线上", "线下", "一同", "一道", "一齐", "各自", "合力", "携手", "挨家挨户", "逐一",
    "全力", "连夜", "持续", "同步", "当场", "集中", "大部分", "一直", "因", "因为", "由于", "每天", "每日", "每年",
    "每月", "日均", "月均", "年均", "每场", "每次", "每个", "每名", "每人", "每家", "每亩", "每平方米",
    # verbs relating a thing to a place, a cause or a whole: never part of a noun (136只来自中小板)
    "来自", "属于", "隶属", "位于", "位在", "作为", "成为", "包含", "涵盖", "遍布", "分布", "相当于", "占", "占比", "占据", "具有", "具备", "拥有",
    "持有", "享有", "设有", "载有", "住有", "处于", "置于", "面临", "面对", "遭遇", "遭到", "遭受", "受到", "陷入", "造成", "导致", "致", "引发", "引起",
    "进入", "前往", "赴", "奔赴", "赶赴", "抵达", "到达", "回到", "走进", "登上", "离开", "死于", "生活在", "遭", "运往", "送往", "送达", "运到",
    # pronouns and demonstratives
    "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "曾", "曾经", "这", "那", "该", "此", "这些",
    "那些", "这样", "那样", "怎样", "同样", "这么", "那么", "一共",
    # modal verbs
    "可以", "可能", "能够", "必须", "需要", "应当", "应该", "将会", "将要", "不能", "不会", "无法", "难以",
    # time words
    "当天", "当日", "今天", "昨天", "明天", "今日", "昨日", "明日", "今年", "去年", "明年", "目前", "日前", "近日",
    "此前", "之前", "以前", "此后", "之后", "以后", "随后", "然后", "最终", "最后", "终于", "已于", "将于", "于是",
    "因此", "所以", "恐", "恐将", "恐怕", "等地", "悉数", "接连", "按照", "依照", "根据", "想要", "啊", "呀", "吧",
    "呢", "吗", "嘛", "全程", "本届", "本次", "此次", "本轮", "上届",
    "平均", "妥善",
)
# Verbs that introduce or follow a count in news prose. After a noun they end it (5家企业参展,
# 260万人受惠); right after the classifier they modify the noun that follows (5家参展企业, 30个建设
# 项目), unless a 的 closes a relative clause (6名参加培训的学员: no noun of its own).
PREDICATE_VERBS: tuple[str, ...] = (
    # founding, building, awarding
    "建成", "建立", "建设", "新建", "援建", "组建", "创建", "成立", "设立", "培育", "培养", "打造", "认定", "命名", "评选", "评出", "选树", "表彰",
    "表扬", "吸纳", "吸引", "带动", "安置", "帮助", "帮扶", "救助", "慰问", "资助", "惠及", "覆盖", "走访", "摸排", "排查", "检查", "发展", "发动",
    "动员", "组织", "举办", "举行", "开展", "召开", "参与", "参加", "出动", "派出", "选派", "招聘", "招募", "录用", "接待", "接收", "收到", "收集",
    "征集", "受理", "办理", "解决", "化解", "新增", "增加", "减少", "完成", "实现", "涌现", "涌现出", "产生", "引进", "引入", "签约", "签署", "入驻",
    "落户", "培训", "救治", "治愈", "确诊", "发现", "查处", "查获", "抓获", "破获", "关闭", "淘汰", "改造", "提供", "发放", "配备", "开通", "开设",
    "推出", "发布", "获得", "获", "荣获", "授予", "入选", "列入", "纳入", "获批", "就业", "调配", "转移", "进行", "受益", "报名", "出席", "到场", "接受",
    "通过", "组成", "结对", "指导", "获评", "上岗", "返岗", "观看", "参观", "投入", "签订", "达成", "亮相", "展出", "展示", "形成", "获奖", "晋级",
    "入围", "脱贫", "增收", "参赛", "参会", "参训", "参战", "受伤", "遇难", "死亡", "失踪", "失联", "获救", "受灾", "被困", "撤离", "疏散", "购买",
    "实施", "推进", "投产", "开工", "开放", "上线", "运行", "运营", "访问", "到访", "出发", "返回", "启动", "完工", "竣工", "创造", "打破", "刷新",
    "领先", "位居", "排名", "承担", "承办", "主办", "举起", "攻克", "突破", "研发", "生产", "销售", "出口", "进口", "交付", "入境", "出境", "出入境",
    "离境", "入场", "报道", "表示", "认为", "指出", "预计", "发送", "复工", "复产", "死", "断电", "停电", "搭建", "落实", "开始", "结束", "结果", "进驻",
    "发起", "掌握", "准备", "容纳", "可容纳", "只有", "仅", "仅有", "驻足", "同台", "摆脱", "拓展",
    # benefiting, taking part, moving
    "受惠", "获益", "得益", "参展", "参演", "参评", "参选", "参保", "参考", "出游", "出行", "游览", "入园", "入住", "入学", "入职", "入伍", "返程",
    "回国", "回乡", "观影", "点赞", "签到", "到岗", "就医", "就诊", "接种", "外出", "出差", "出访", "挤爆", "涌入", "聚集", "围观", "排队", "等候",
    "等待", "报到", "赶到", "集结", "登陆", "停靠", "逃出", "逃离", "逃生", "生还", "幸存", "上街", "挑战", "竞争", "角逐", "争夺", "登场", "出场",
    "上场", "获胜", "战胜", "击败", "夺得", "夺冠", "出局", "申请", "申报", "提交", "领取", "享受", "申领", "缴纳", "可载", "载客", "可供", "能容纳",
    "居住", "出任", "担任",
    # casualties, justice, conflict
    "罹难", "丧生", "身亡", "遇害", "阵亡", "牺牲", "送医", "入院", "出院", "受骗", "被骗", "中毒", "当选", "落选", "获刑", "被捕", "落网", "归案",
    "自首", "审理", "审结", "判决", "起诉", "受审", "立案", "侦破", "拘留", "逮捕", "拘捕", "羁押", "释放", "遣返", "击毁", "击落", "摧毁", "拦截",
    "击伤", "打死", "打伤", "炸毁", "发射", "部署", "爆发", "离职", "辞职", "裁员",
    # reporting, deciding, supporting
    "确认", "恢复", "抢修", "出现", "出台", "提出", "划拨", "支持", "推送", "采纳", "通报", "公布", "曝光", "发出", "印发", "下发", "出具", "作出",
    "做出", "审议", "概括", "阐述", "介绍", "讲述", "描述", "反映", "体现", "显示", "证明", "表明", "透露", "宣布", "宣告", "决定", "呼吁", "同意",
    "反对", "联署", "捐赠", "捐款", "捐助", "得到", "得以", "赢得", "取得", "超出", "获取", "拿到", "收获", "售出", "卖出", "出售", 
    "调集", "涉嫌", "做",
    # markets and business
    "停运", "停航", "停飞", "停牌", "停产", "停工", "停业", "停课", "关停", "复牌", "退市", "跌停", "涨停", "翻倍", "翻番", "增持", "减持", "买入",
    "跌破", "飙升", "下跌", "上涨", "增长", "下降", "回落", "跻身", "位列", "入局", "合并", "重组", "并购", "收购", "挂牌", "上架", "下架", "开业",
    "倒闭", "破产", "中标", "达标", "整改", "调出", "调入", "退出", "加入", "构成", "分成", "分为", "开建", "投用", "启用", "通车", "营业", "开张",
    "发行", "落成", "问世", "实行", "执行", "推行", "护航", "兴建", "修建", "扩建", "筹建", "抽验", "抽检", "送验", "切成",
    "变成", "改成", "做成", "拆成", "捣毁", "破案", "派发", "张贴", "辍学", "助力", "午休",
    "身着", "融合", "齐聚", "相聚", "欢聚", "汇聚", "符合", "挥舞",
)
# Words linking a noun to its number (参赛选手共计260人, 企业达80家): the noun is found before them.
LINK_WORDS: tuple[str, ...] = (
    "共", "共计", "一共", "合计", "总计", "累计", "共有", "有", "已有", "达", "达到", "已达", "约", "约为", "为", "已",
    "分别", "仅", "仅有", "只有",
)
# Words that make a verb before them a noun (参赛人数达500人, 报名者): no stop there.
NOMINALISERS: tuple[str, ...] = ("人数", "人员", "人次", "者", "总数", "数量", "总量", "规模")
# Words in front of a count that name where it happened, not what is counted (全国200家, 当地5.1万人次).
PLACE_WORDS: tuple[str, ...] = (
    "全国", "全省", "全市", "全县", "全区", "全州", "全镇", "全乡", "全村", "全球", "全世界", "全美", "全网", "全年",
    "当地", "各地", "我国", "本市", "境外", "海外", "国外", "两市",
)
# Nouns that contain a stop word (有限公司 is not 有 + 限公司, 运动员 not 运 + 动员).
ENTITY_KEEP: tuple[str, ...] = (
    "有限", "国有", "所有制", "所有权", "所有者", "现有", "私有", "有机", "有色", "有线", "以来", "以外", "中小",
    "中心", "中国", "中华", "中央", "中学", "中医", "中层", "中资", "中方", "中外", "中药", "中部", "中东", "中型",
    "中等", "中级", "中高", "中青年", "中老年", "中职", "中欧", "中共", "中铁", "中建", "中石化", "中石油", "中航",
    "中信", "中科院", "中介", "中专", "中转", "高中", "初中", "上市", "上海", "上游", "上级", "上饶", "下岗", "下属",
    "下辖", "下游", "下级", "服务站", "服务中心", "服务队", "志愿服务", "从业", "对口", "对象", "对手", "共产党",
    "公共", "共享", "共同体", "来华", "来访", "在档", "在校", "在职", "在岗", "在建", "在读", "在册", "及时", "和谐",
    "为民", "行为", "华为", "有关", "有效", "发展中", "组织部", "参与者", "参加者", "培训班", "培训师", "检查组",
    "帮扶干部", "就业人数", "就业人员", "就业岗位", "到位", "工会组织", "国际组织", "参赛选手", "参赛队",
    "参赛队伍", "参赛职工", "参赛者", "参会人员", "参会代表", "参训人员", "参训学员", "获奖者", "获奖选手",
    "获奖作品", "获奖项目", "死亡人数", "党组织", "社会组织", "群团组织", "基层组织", "经济组织", "组织单位",
    "发展中国家", "不动产", "正式", "最新", "最美", "上下游", "受灾群众", "受灾户", "规模以上", "县级以上",
    "市级以上", "省级以上", "以上企业", "首席", "连续剧", "受益人", "受益群众", "共建", "各界", "各族", "各类",
    "以色列", "以军", "以方", "运动员", "补给", "供给", "方向", "导向", "目的地", "过程", "项目", "节目", "题目",
    "科目", "栏目", "剧目", "数目", "条目", "书目", "曲目", "国内", "境内", "省内", "市内", "区内", "县内", "海内外", "被告", "被害人",
    "被执行人", "被保险人", "将军", "将领", "大使", "使馆", "使领馆", "天使", "自由", "理由", "都市", "成都",
    "内蒙古", "内容", "内地", "内陆", "内河", "内资", "中山", "达州", "内江", "来宾", "成就", "人才", "高等", "初等",
    "达人", "发达", "雷达", "条约", "公约", "合约", "超市", "超商", "超级", "超算", "致富", "因素", "原因", "罹难者",
    "遇难者", "死难者", "可再生", "可持续", "未成年", "集中营", "恐怖", "恐龙", "表达",
)
# Words joining two nouns: they end a noun that follows a number (3名教师和学生) but stay inside one
# that precedes it (技能竞赛和岗位练兵103场次, 大学生及下岗失业职工近500人).
COORDINATORS: tuple[str, ...] = ("和", "与", "及", "以及", "或", "或者")
# Classifiers of people: 人 is itself the noun "people" (what follows 260万人 is what they do:
# 受惠, 参加), and a noun before them names people (职工13374人次), not a place or a verb.
PERSON_UNITS: tuple[str, ...] = ("人", "人次", "名", "位")
_PEOPLE_AS_NOUN = ("人", "人次")  # the classifier is the noun: what follows 260万人 is what they do
_NAMED_PEOPLE = ("名", "位")  # these name the people after them (60名选手)
PERSON_NOUN_ENDS = "人员工众民者生士师兵手友客属胞长部家童子女户力团队伍才官军警匠模侨商表宾将嫂妈姐哥弟妹爷奶婆儿孩孙农夫妇汉徒辈犯质丝数例"
# Titles and pronouns: a noun before 两次 that ends in one is the subject, not the event counted.
_SUBJECT_ENDS = PERSON_NOUN_ENDS + "记理席统相任裁董我你他她它"
ENTITY_MAX = 10  # characters of a noun after the number; a longer one is no noun
ENTITY_BEFORE_MAX = 16  # a noun before the number may be longer (全国“安康杯”竞赛先进集体企业 2 个)

# --- regex fragments --------------------------------------------------------------------
_SP = r"[ \u3000]?"
# 第一名 is an ordinal, 8/20起 a date, iPhone 11 a name.
_NOT_INSIDE_NUMBER = number_start(excluded_before="第/／") + r"(?<![A-Za-z][ \u3000])"
_NUMBER_STARTS = re.compile(_NOT_INSIDE_NUMBER)  # tested once per number, before the rules (which repeat it)
# An approximation word right before the number (近30家, 上千名).
_BEFORE = re.compile(rf"(?P<pre>{MAGNITUDE_BEFORE_PATTERN}){_SP}\Z")
_BEFORE_REACH = 5
_BEFORE_ENDS = frozenset(word[-1] for word in MAGNITUDE_BEFORE) | {" ", "\u3000"}
_CLASSIFIER = rf"(?!{alternation(CLASSIFIER_LED_NOUNS + NOT_CLASSIFIER_WORDS)})(?P<unit>{alternation(CLASSIFIERS)})"
_POST = rf"(?:(?P<post>{APPROX_AFTER_PATTERN}))?"
_CJK = r"\u4e00-\u9fff"
# A noun: Chinese and quotes, led by a Latin word (SARS床位, A股账户, QFII) or with a model's dash
# inside (歼-20战机); Latin after Chinese ends it (两个司机FacetoFace).
_ENTITY_CHARS = re.compile(rf"(?:[A-Za-z][A-Za-z0-9]*(?:-[0-9A-Za-z]+)*|[{_CJK}“”‘’\"《》·])"
                           rf"(?:[{_CJK}“”‘’\"《》·]+|-[0-9A-Za-z]+(?=[{_CJK}]))*")
# Another number ends a noun: a headline without its punctuation, a list without commas
# (拍卖赃物十台电脑三万, 三个食堂六口锅, 20多家机构数百人).
_NUMBER_INSIDE = re.compile(rf"[{CHINESE_DIGITS}十数几][十百千万亿]|[二两三四五六七八九十][个名家位人口只条座台辆件项次场]")
_MODIFIED_NOUN_MAX = 4  # 5家参展企业: the noun a verb modifies is short; 三次参加江苏代表团 is a predicate
_ENTITY_REACH = ENTITY_MAX + 6


def _word_split(keep: Sequence[str], stop: Sequence[str]) -> re.Pattern[str]:
    """The longest word of ``keep`` (group ``keep``) or else of ``stop`` (group ``stop``) at a position.

    Look-aheads for the words' first characters come first: at most positions of a noun a class
    test or two fail, instead of both alternations being tried (splitting runs 1.5x faster).
    """
    def firsts(words: Sequence[str]) -> str:
        return "[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]"

    return re.compile(rf"(?={firsts((*keep, *stop))})(?:(?={firsts(keep)})(?P<keep>{alternation(keep)})"
                      rf"|(?={firsts(stop)})(?P<stop>{alternation(stop)}))")


_ENTITY_SPLIT = _word_split(ENTITY_KEEP, ENTITY_STOPS + PREDICATE_VERBS + COORDINATORS)
_ENTITY_BEFORE_SPLIT = _word_split(ENTITY_KEEP + COORDINATORS, ENTITY_STOPS + PREDICATE_VERBS + PLACE_WORDS)
_PREDICATES = frozenset(PREDICATE_VERBS)
_LINKS = frozenset(LINK_WORDS)
_NOMINALISER = re.compile(alternation(NOMINALISERS))
_CLOSING_QUOTES = {"”": "“", "’": "‘", "》": "《", "」": "「", "』": "『"}
_OPENING_QUOTES = {opening: closing for closing, opening in _CLOSING_QUOTES.items()}
_ANY_QUOTE = re.compile(f"[{''.join(_CLOSING_QUOTES)}{''.join(_OPENING_QUOTES)}]")
_ORDINAL_LIST = re.compile(rf"第[0-9０-９{CHINESE_DIGITS}十百]+(?:、[0-9０-９{CHINESE_DIGITS}十百]+)*、$")
_NOT_COUNTED = re.compile(alternation(NOT_COUNTED_AFTER))
# A noun before the number: Chinese (quotes allowed inside), not opening or closing with 和/及;
# 一行 ("a party of") stands between a group and its size (企业代表团一行25人).
_NOUN_BEFORE = re.compile(rf"[ \u3000]*{alternation(COORDINATORS)}?(?P<noun>[{_CJK}][{_CJK}“”‘’\"《》·]*?)??"
                          rf"(?:一行)?{alternation(COORDINATORS)}?[ \u3000]*")
# 二次 before a word is "secondary" (二次整改, 二次伤害); counts say 两次. 以二次为限 counts.
_SECONDARY = re.compile(rf"次[{_CJK}](?<![为以的了后前之左上])")
_PEOPLE_MAX = Decimal(10) ** 10  # more than there are people: 21万亿 股民 is money in a headline
# 十四届全国人大二次会议: a session's ordinal after 届, not a number of meetings.
_SESSION = re.compile(r"次(?:会议|全会|全体会议|常委会议|代表大会)")
_TERM = re.compile(r"届[^，,。；;！？!?\n]{0,12}\Z")
_MEASURE = re.compile(rf"[ \u3000]?{alternation(MEASURE_WORDS)}")
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:、\n（(）)]")
_LAST_CLAUSE_END = re.compile(rf"(?s:.*){_CLAUSE_END.pattern}")  # matched from the start: ends after the last one
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_QUOTE_OPEN = "“‘「『\"《"
_SPACES = frozenset(" \u3000")
_HAS_DIGIT = re.compile(rf"[0-9０-９{CHINESE_DIGITS}]")
_HAS_UNIT = re.compile(rf"[{MULTIPLIERS}]")
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_BIG_MULTIPLIER_END = re.compile(r"[万亿萬億]$")
_DECIMAL_WITHOUT_MULTIPLIER = re.compile(rf"[.．点][0-9０-９{CHINESE_DIGITS}]+$")
_SUBSET_OPENER = "其中"
_NUMERAL_NAME = re.compile(alternation(NUMERAL_NAMES))
_NAME_REACH = max(len(n) for n in NUMERAL_NAMES)
_LOOKBACK = 24  # characters before a number searched for its noun


class Reading(NamedTuple):
    """What a rule read from its match: the bounds, approximation and classifier (a named tuple:
    one is made for every number read, and it is built several times faster than a dataclass)."""

    low: Decimal | None
    high: Decimal | None
    approx: Approx
    unit: str | None


@dataclass(frozen=True, slots=True)
class CountRule:
    """A named pattern, matched where a number starts, and its reader.

    ``read(match, before)`` gets the approximation word before the number (or None).
    ``needs_noun_after`` rules count only when a noun follows (6.5 万职工, no classifier).
    """

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], str | None], Reading | None]
    needs_noun_after: bool = False


def _number_text(m: re.Match[str]) -> str:
    """The number with the multipliers after its 余/多 (十多万 → 十万); rules with QUANTITY_PATTERN."""
    return m.group("num") + m.group("mult")


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group that only some rules have (None in the others); cheaper than ``groupdict()``."""
    return m.group(name) if name in m.re.groupindex else None


def _numeral_ok(number: str, before: str | None, more: str | None) -> bool:
    """Chinese numerals that are numbers here: not the article 一, not 五一, not a bare 万 without 近/上/余."""
    if number[0] in _ARABIC_DIGITS:  # Arabic numbers start with a digit, Chinese ones hold none
        return True
    if number in ("一", "壹"):
        return False
    if not _HAS_DIGIT.search(number) and not number.startswith(("十", "拾")):
        return before is not None or more is not None  # 近万名, 上千人, 万余名; but 万家灯火, 百名职工 are names
    if len(number) > 1 and not _HAS_UNIT.search(number):
        return False  # 五一, 一二九: digits read one by one name days and events
    return True


def _read_single(m: re.Match[str], before: str | None) -> Reading | None:
    """One count without a classifier (七部门, 6.5 万职工)."""
    num, more, mult = m.group("num", "more", "mult")
    return _whole_count(num, mult, more, before, None, None)


def _read_classified(m: re.Match[str], before: str | None) -> Reading | None:
    """One count with its classifier and the 余/多 or 以上 after either (300多名, 50余家, 30个以上)."""
    num, more, mult, unit, more2, post = m.group("num", "more", "mult", "unit", "more2", "post")
    return _whole_count(num, mult, more or more2, before, post, unit)


def _whole_count(num: str, mult: str, more: str | None, before: str | None, post: str | None, unit: str | None
                 ) -> Reading | None:
    """Things are counted in whole numbers (3.0只 is a version and an adverb)."""
    number = num + mult
    digits = number.isdigit()  # most counts (60名): Arabic digits, a whole number, nothing to check
    if not digits and (not _numeral_ok(num, before, more) or _DECIMAL_WITHOUT_MULTIPLIER.search(number)):
        return None
    value = parse_number(number)
    if value is None or value <= 0 or (not digits and value != value.to_integral_value()):
        return None
    approx = approximation(before, more, post)
    low, high = bounds(value, approx)
    return Reading(low, high, approx, unit)


def _read_multiplied(m: re.Match[str], before: str | None) -> Reading | None:
    """6.5 万职工: without a classifier only a number ending in 万/亿 counts."""
    return _read_single(m, before) if _BIG_MULTIPLIER_END.search(_number_text(m)) else None


def _read_range(m: re.Match[str], before: str | None) -> Reading | None:
    found = parse_range(f"{m.group('lo')}-{m.group('hi')}") if _group(m, "lo") else parse_range(m.group("num"))
    if not found:
        return None
    return Reading(found[0], found[1], "range", m.group("unit"))


RULES: tuple[CountRule, ...] = (
    CountRule("count.classifier", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}{_CLASSIFIER}"
        rf"(?P<more2>余|多)?{_POST}"
    ), _read_classified),
    CountRule("count.noun_led", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}"
        rf"(?=(?P<led>{alternation(CLASSIFIER_LED_NOUNS)}))"
    ), _read_single, needs_noun_after=True),
    CountRule("count.cjk_multiplier", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}(?<=[万亿萬億余多])"
    ), _read_multiplied, needs_noun_after=True),
    CountRule("count.range", re.compile(
        rf"{_NOT_INSIDE_NUMBER}(?P<lo>{NUMBER_PATTERN}){_SP}{RANGE_SEPARATOR_PATTERN}{_SP}(?P<hi>{NUMBER_PATTERN})"
        rf"{_SP}{_CLASSIFIER}"
    ), _read_range),
    CountRule("count.cjk_range", re.compile(
        rf"{_NOT_INSIDE_NUMBER}(?P<num>{ADJACENT_RANGE_PATTERN}){_SP}{_CLASSIFIER}"
    ), _read_range),
)
# Names a count read by the rules above takes when its noun decides it (the fact's rule names one of them).
NOUN_FIRST = "count.noun_first"  # a classifier count whose noun is written before the number (扶贫车间266家)
SUBSET = "count.subset"  # a count in a 其中 clause that takes the noun of the count before it
RULE_NAMES: tuple[str, ...] = (*(rule.name for rule in RULES), NOUN_FIRST, SUBSET)
_CLASSIFIED, _CJK_MULTIPLIER = RULES[0].name, RULES[2].name

# Numbers followed by 余/多 and a classifier or a classifier-led noun, by 多万 or 余亿, or a
# range separator, or ending in 万/亿.
_CANDIDATES = number_scanner(
    rf"{_SP}(?:余|多)?[{MULTIPLIERS}]*{_SP}(?:{alternation(CLASSIFIERS + CLASSIFIER_LED_NOUNS)})"
    rf"|{_SP}(?:余|多)[{MULTIPLIERS}]*[万亿萬億]|{_SP}{RANGE_SEPARATOR_PATTERN}", big_multiplier=True,
    skip=rf"[一壹](?![{CHINESE_DIGITS}{MULTIPLIERS}点]|{_SP}{RANGE_SEPARATOR_PATTERN})")  # the article 一 (一场)


# --- the counted noun ---------------------------------------------------------------------
def _noun_after(text: str, pos: int, limit: int, unit: str | None) -> tuple[str, int] | None:
    """The noun right after a classifier and where it ends, cut at the first stop word.

    A stop at its very start means there is no noun, except a verb modifying a short noun
    after it (5家参展企业; not after 次, where the verb is what was done: 三次参加…); a verb
    alone (三处损毁) is no noun. A quoted noun is read inside its quotes (四个“全球购海外站”).
    After 名/位 a relative clause or a modifier with 的 precedes the people counted
    (200余名参加培训的学员, 千余名智能科技领域的专家). An entity of "" means a noun follows that
    cannot be read (5家参展企业的产品…, a run longer than :data:`ENTITY_MAX`): none should be
    looked for before the number.
    """
    if text[pos:pos + 1] in _SPACES:
        pos += 1
    m = _ENTITY_CHARS.match(text, pos, min(limit, pos + _ENTITY_REACH))
    if not m:
        return None
    candidate = m.group()
    if candidate[0] in _CLOSING_QUOTES:
        return None
    if candidate[0] in _QUOTE_OPEN:
        return _quoted_noun(candidate, pos)
    number = _NUMBER_INSIDE.search(candidate)
    if number:
        candidate = candidate[:number.start()]
    modifier_end = 0
    for hit in _ENTITY_SPLIT.finditer(candidate):
        if not hit.group("stop"):
            continue
        if hit.start() == 0:
            if unit in _NAMED_PEOPLE and "的" in candidate:
                return _people_after_de(candidate, candidate.index("的") + 1, pos)  # 300多名来自各地的选手
            if hit.group() not in _PREDICATES or unit == "次":
                return None
            modifier_end = hit.end()
            continue
        if hit.group() == "的" and unit in _NAMED_PEOPLE and candidate[hit.start() - 1] not in PERSON_NOUN_ENDS:
            return _people_after_de(candidate, hit.end(), pos)  # 千余名智能科技领域的专家学者
        if modifier_end and hit.group() == "的":
            return "", pos
        candidate = candidate[:hit.start()]
        break
    candidate = _without_stray_quotes(candidate)
    if len(candidate) > (modifier_end + _MODIFIED_NOUN_MAX if modifier_end else ENTITY_MAX):
        return "", pos
    if len(candidate) <= modifier_end:
        return None
    return candidate, pos + len(candidate)


def _people_after_de(candidate: str, start: int, pos: int) -> tuple[str, int]:
    """The people in ``名 X 的 Y`` when X names no people: Y, if it does (近千名受困的列车旅客 → 列车旅客)."""
    rest = candidate[start:]
    stop = next((hit for hit in _ENTITY_SPLIT.finditer(rest) if hit.group("stop")), None)
    noun = _without_stray_quotes(rest[:stop.start()] if stop else rest)
    if noun and len(noun) <= ENTITY_MAX and noun[-1] in PERSON_NOUN_ENDS:
        return noun, pos + start + len(noun)
    return "", pos


def _quoted_noun(candidate: str, pos: int) -> tuple[str, int] | None:
    """``“全球购海外站”`` after a classifier: the words inside the quotes, and the end of the closing one."""
    closing = next((i for i, ch in enumerate(candidate) if i and ch in _CLOSING_QUOTES), 0)
    if not 1 < closing <= ENTITY_MAX + 1:
        return None
    return candidate[1:closing], pos + closing + 1


def _without_stray_quotes(noun: str) -> str:
    """``措施”`` → ``措施``, ``理论教材《深刻领悟`` → ``理论教材``: a quote without its pair is not the noun's."""
    if not _ANY_QUOTE.search(noun):
        return noun  # most nouns: nothing to look at
    for i, ch in enumerate(noun):
        if ch in _OPENING_QUOTES and _OPENING_QUOTES[ch] not in noun[i + 1:]:
            noun = noun[:i]
            break
    while noun and noun[-1] in _CLOSING_QUOTES and _CLOSING_QUOTES[noun[-1]] not in noun:
        noun = noun[:-1]
    return noun


def _noun_before(text: str, pos: int, floor: int, unit: str | None) -> tuple[str, int] | None:
    """The noun of ``X266家``: what follows the clause's last stop word before the number, and its start.

    One character is no noun (致美17人, 仍差1支); before a classifier of people the noun must
    name people (职工13374人次, not 当地5.1万人次); before 次 it must not be the subject
    (总书记两次到…).
    """
    start = max(floor, pos - _LOOKBACK)
    window = text[start:pos]
    last_cut = _LAST_CLAUSE_END.match(window)
    clause_start = last_cut.end() if last_cut else 0
    end = len(window.rstrip(" \u3000"))
    if end - clause_start < 2:
        return None  # no room for a noun (，3人)
    stops = [hit for hit in _ENTITY_BEFORE_SPLIT.finditer(window, clause_start) if hit.group("stop")
             and not (hit.group() in _PREDICATES and _NOMINALISER.match(window, hit.end()))]
    while stops and stops[-1].end() == end and stops[-1].group() in _LINKS:
        end = stops.pop().start()  # 参赛选手共计260人: the noun stands before 共计
    found = _NOUN_BEFORE.fullmatch(window, stops[-1].end() if stops else clause_start, end)
    noun = found.group("noun") if found else None
    if not noun or not 2 <= len(noun) <= ENTITY_BEFORE_MAX:
        return None
    head = noun.rstrip("”’》」』")[-1:]
    if (unit in PERSON_UNITS and head not in PERSON_NOUN_ENDS) or (unit == "次" and head in _SUBJECT_ENDS):
        return None
    return noun, start + found.start("noun")


def _not_a_count(text: str, m: re.Match[str], rule: CountRule) -> bool:
    """A match that counts nothing whatever its number reads: time or a proportion after it (3个月,
    5个百分点), a rank or a name (前6名, 四个全面), or, without a classifier, a unit of measure
    (83万吨) or a headline's gap (28951亿 发行进度) where its noun should be."""
    end = m.end()
    return bool(_NOT_COUNTED.match(text, end) or _is_name_or_rank(text, m)
                or (rule.needs_noun_after and (_MEASURE.match(text, end) or text[end:end + 1] in _SPACES)))


def _is_name_or_rank(text: str, m: re.Match[str]) -> bool:
    """Ranks (前6名, 前两项, 第一、二名), quoted slogans (“四个全面”), numerals running on (四位一体,
    三个一), 二次 as "secondary", names and idioms (五花八门)."""
    start = m.start()
    previous = text[start - 1] if start else ""
    if previous in _RANK_LAST and _RANK_BEFORE.search(text, max(0, start - 3), start):
        return True
    if previous == "、" and _ORDINAL_LIST.search(text, max(0, start - 16), start):
        return True
    if text[start] in _ARABIC_DIGITS:
        return False  # the rest concerns Chinese numerals
    if previous and previous in _QUOTE_OPEN:
        return True
    unit = _group(m, "unit")
    if unit == "次" and _SESSION.match(text, m.start("unit")) and _TERM.search(text, max(0, start - 13), start):
        return True
    if unit == "次" and _group(m, "num") == "二" and _SECONDARY.match(text, m.start("unit")):
        return True
    following = text[m.end():m.end() + 1]
    if following and following in CHINESE_DIGITS:
        return True
    left = max(0, start - _NAME_REACH)
    return any(hit.start() < m.end() - left and hit.end() > start - left
               for hit in _NUMERAL_NAME.finditer(text[left:m.end() + _NAME_REACH]))


def extract_counts(text: str, taken: Sequence[tuple[int, int]] = (), *, sentences: Sentences | None = None
                   ) -> list[CountFact]:
    """Counts in ``text`` in text order; none overlaps a span in ``taken`` (dates and money). With the
    text's ``sentences`` each quotes its sentence."""
    if not isinstance(text, str) or not text:
        return []
    numbers = list(_CANDIDATES.finditer(text))
    if not numbers:
        return []  # a third of the texts: no taken spans to sort
    spans = TakenSpans.of(taken)
    facts: list[CountFact] = []
    consumed = 0
    for number in numbers:
        start = number.start()
        if start < consumed or spans.covers(start):
            continue  # read already, or inside a date or an amount (3万元)
        found = _read_at(text, start)
        if found is None:
            continue
        rule, m, before, reading = found
        gap = spans.gap(before[1] if before else m.start(), m.end(), len(text))
        if gap is None:
            continue
        floor, limit = gap
        fact = _attach_noun(text, m, rule, reading, before, max(consumed, floor), limit, sentences)
        if fact is None:
            continue
        facts.append(fact)
        consumed = fact.end
    return _inherit_subset_nouns(text, facts)


def _read_at(text: str, start: int) -> tuple[CountRule, re.Match[str], tuple[str, int] | None, Reading] | None:
    """The first rule of :data:`RULES` that reads a count at ``start``, and the word before it;
    None if that is no count whatever its number (3个月, 前6名, 83万吨: see :func:`_not_a_count`)."""
    if not _NUMBER_STARTS.match(text, start):
        return None  # 第二次, 8/20起: every rule starts with this test
    before = None
    if start and text[start - 1] in _BEFORE_ENDS:
        hit = _BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
        if hit:
            before = (hit.group("pre"), hit.start())
    for i, rule in enumerate(RULES):
        m = rule.pattern.match(text, start)
        if not m:
            continue
        dropped = _not_a_count(text, m, rule)
        if dropped and not any(later.pattern.match(text, start) for later in RULES[i + 1:]):
            return None  # no other rule to try: its number need not be read
        # 上 bounds only a bare multiplier (上千名); 线上300人 is not "over 300".
        word = before if before and (before[0] != "上" or not _HAS_DIGIT.search(_group(m, "num") or "x")) else None
        try:
            reading = rule.read(m, word[0] if word else None)
        except (ArithmeticError, ValueError, KeyError) as exc:  # never raise on odd text
            log.debug("%s: cannot read %r: %r", rule.name, m.group(), exc)
            continue
        if reading is not None:
            return None if dropped else (rule, m, word, reading)
        log.debug("%s: %r is not a count", rule.name, m.group())
    return None


class TakenSpans(NamedTuple):
    """Spans (int pairs) already claimed by dates and money, sorted, with the running maximum of their
    ends (a named tuple, like :class:`Reading`: one is made per text, and most texts are short)."""

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # reach[i] = max end of spans 0..i

    @classmethod
    def of(cls, spans: Sequence[tuple[int, int]]) -> "TakenSpans":
        if not spans:
            return cls((), ())
        starts, ends = zip(*sorted(spans))
        return cls(starts, tuple(itertools.accumulate(ends, max)))

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` is inside a taken span (then so is any span around it)."""
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos

    def gap(self, start: int, end: int, text_end: int) -> tuple[int, int] | None:
        """The free stretch holding ``start:end``: where the last taken span before it ends (0 if
        none) and where the next one starts (``text_end`` if none); None if a span overlaps it."""
        i = bisect.bisect_left(self.starts, end)
        floor = self.reach[i - 1] if i else 0
        if floor > start:
            return None
        return floor, self.starts[i] if i < len(self.starts) else text_end


def _attach_noun(text: str, m: re.Match[str], rule: CountRule, reading: Reading, before: tuple[str, int] | None,
                 floor: int, limit: int, sentences: Sentences | None) -> CountFact | None:
    """Find the counted noun after, else before, the number; without a classifier, a number needs one after."""
    start = before[1] if before else m.start()
    end = m.end()
    name = rule.name
    led = m.group("led") if m.lastgroup == "led" else None  # the last group of count.noun_led only
    if led:  # 七部门: the noun is the one the number runs into
        after = led, end + len(led)
    elif reading.unit in _PEOPLE_AS_NOUN:  # 260万人受惠: what the people do, not a noun
        after = None
    else:
        after = _noun_after(text, end, limit, reading.unit)
    if after and after[0] and (name != _CJK_MULTIPLIER or _counts_people(after[0], reading)):
        entity, end = after
    elif rule.needs_noun_after:
        return None  # 6.5 万 alone (a noun must follow when there is no classifier)
    else:
        noun = _noun_before(text, start, floor, reading.unit) if after is None else None
        entity = None
        if noun:
            entity, start = noun
            if name == _CLASSIFIED:
                name = NOUN_FIRST
    low, high, approx, unit = reading
    # positional (text, start, end, rule, min, max, unit, entity, approx, sentence): a third cheaper
    return CountFact(text[start:end], start, end, name, low, high, unit, entity, approx, sentence_at(sentences, start))


def _counts_people(noun: str, reading: Reading) -> bool:
    """Without a classifier, 万/亿 count people and households (6.5 万职工, 3万粉丝, 160万用户);
    before anything else the number is an amount without its 元 (8万罚金, 2000亿填海项目)."""
    return noun[-1] in PERSON_NOUN_ENDS and (reading.low or reading.high or 0) <= _PEOPLE_MAX


def _inherit_subset_nouns(text: str, facts: list[CountFact]) -> list[CountFact]:
    """In ``…266家，其中厦门援建210家`` the 210 counts the same noun as the count before it.

    Only a clause opened by 其中, only within one sentence, only with the same classifier.
    """
    if len(facts) < 2:
        return facts  # most texts: no count before another
    out: list[CountFact] = []
    for fact in facts:
        previous = out[-1] if out else None
        if fact.entity is None and previous is not None and previous.entity and previous.unit == fact.unit:
            between = text[previous.end:fact.start]
            clause = _CLAUSE_END.split(between)[-1]
            if clause.startswith(_SUBSET_OPENER) and not _SENTENCE_END.search(between):
                fact = replace(fact, entity=previous.entity, rule=SUBSET)
        out.append(fact)
    return out


def _run(inp: ExtractorInput) -> list[CountFact]:
    return extract_counts(inp.text, inp.spans("date", "money"), sentences=inp.sentences)


EXTRACTOR = Extractor(name="counts", kind="count", rules=RULE_NAMES, run=_run, needs=("date", "money"))
