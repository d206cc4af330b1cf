"""Write the sample corpus in corpus/samples/: one small invented news article per format.

The articles are invented for this project (places and organisations are real kinds of
bodies, the events and people are not). Every supported input format is represented, so
`make ingest` exercises each reader and each decoding path:

- html_utf8_mianyang_skills.html   UTF-8 page with site chrome, <meta> description, author
- html_gbk_huzhou_cooling.html     GBK bytes, <meta charset="gbk">, old table layout
- big5_taichung_jobfair.html       Traditional Chinese in Big5, charset in http-equiv meta
- crawl.warc.gz                    warcinfo + request + 3 responses: UTF-8 HTML, GBK HTML whose
                                   charset is only in the HTTP header, and a 301 redirect
- feed.jsonl                       4 lines: html, text, text, and a lightly edited repost of the
                                   Mianyang article (for cross-corpus duplicate detection)
- lanzhou_wage_agreement.txt.gz    a gzipped plain-text dump with chrome lines

Output is byte-for-byte reproducible (fixed WARC ids and dates, gzip mtime 0), so
re-running the script leaves git clean. Run: ``.venv/bin/python scripts/make_corpus_samples.py``.
"""

from __future__ import annotations

import gzip
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "corpus" / "samples"
MAX_SAMPLE_BYTES = 30 * 1024


@dataclass(frozen=True)
class Article:
    title: str
    published: str  # ISO date-time with offset
    source: str  # 来源
    author: str
    description: str
    paragraphs: tuple[str, ...]

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def minute(self) -> str:
        return self.published[:16].replace("T", " ")


MIANYANG = Article(
    title="绵阳市第十二届职工职业技能大赛落幕 412名选手角逐9个工种",
    published="2024-09-12T10:30:00+08:00",
    source="绵阳日报",
    author="记者 周婷 通讯员 李航",
    description="绵阳市第十二届职工职业技能大赛决赛9月11日落幕，来自全市38家企业的412名选手参加9个工种比拼。",
    paragraphs=(
        "9月11日，由绵阳市总工会、市人力资源和社会保障局联合主办的绵阳市第十二届职工职业技能大赛决赛"
        "在绵阳职业技术学院落下帷幕。来自全市38家企业的412名选手参加了数控车工、电工、焊工、养老护理员等9个工种的比拼。",
        "本届大赛自今年5月启动，历时4个多月，共有1.6万余名职工参加了各级初赛和复赛。市总工会安排专项资金260万元"
        "用于赛事组织和选手奖励，各工种第一名将获得1万元奖金，并由市总工会推荐申报“绵阳市五一劳动奖章”。",
        "“比赛题目贴近生产一线，对我们提升技能很有帮助。”获得焊工项目第一名的绵阳科瑞精密机械有限公司职工王建国说。"
        "他所在的班组今年已有6人取得高级工证书。",
        "绵阳市总工会党组书记、常务副主席刘晓梅在闭幕式上表示，近三年来，全市各级工会累计开展技能竞赛1200余场次，"
        "参与职工超过15万人次，培养市级技术能手320名。下一步，市总将联合市人社局建立技能人才库，"
        "推动竞赛成绩与职称评定、薪酬待遇挂钩。",
        "据了解，获奖选手中年龄最小的只有21岁。大赛期间，主办方还组织了3场技能成果展示和1场劳模工匠进校园活动，"
        "吸引约2000名师生观摩。",
    ),
)

# The same story as re-posted by another site a day later: new title, a source line, one
# sentence reworded, the last paragraph shortened.
MIANYANG_REPOST = Article(
    title="绵阳第十二届职工技能大赛落幕 412名选手同台竞技",
    published="2024-09-13T08:05:00+08:00",
    source="四川工人日报",
    author="",
    description="",
    paragraphs=(
        *MIANYANG.paragraphs[:3],
        MIANYANG.paragraphs[3].replace("培养市级技术能手320名", "共培养市级技术能手320名"),
        "据了解，大赛期间主办方还组织了3场技能成果展示和1场劳模工匠进校园活动，吸引近2000名师生到场观摩。",
    ),
)

HUZHOU = Article(
    title="湖州市总工会启动2023年“夏送清凉”活动 投入慰问资金580万元",
    published="2023-07-06T16:12:00+08:00",
    source="湖州市总工会",
    author="沈悦",
    description="湖州市总工会2023年“夏送清凉”活动7月5日启动，全市各级工会投入慰问资金580万元。",
    paragraphs=(
        "7月5日上午，湖州市总工会2023年“夏送清凉”活动启动仪式在南太湖新区一处重点工程建设工地举行。"
        "市总工会向坚守高温一线的建筑工人、环卫工人、快递员等送去了绿豆、藿香正气水、防暑毛巾等清凉物资。",
        "今年的“夏送清凉”活动从7月上旬持续到8月底，全市各级工会共投入慰问资金580万元，计划慰问一线职工8.5万人次，"
        "覆盖重点工程项目126个。市总工会还联合市人力社保局开展高温津贴落实情况专项检查，"
        "督促企业按每人每月300元的标准足额发放高温津贴。",
        "湖州市总工会副主席沈建华介绍，全市已建成“工会户外劳动者服务站点”357家，站点内配备冰箱、微波炉、"
        "饮水机和急救药箱，夏季延长开放时间至晚上9点。",
        "启动仪式后，慰问组一行还走访了吴兴区两家物流企业，为46名货车司机送上慰问品。",
    ),
)

TAICHUNG = Article(
    title="臺中市勞工局舉辦秋季就業博覽會 85家廠商釋出3200個職缺",
    published="2023-10-22T09:40:00+08:00",
    source="中部新聞網",
    author="記者 林佳穎",
    description="臺中市政府勞工局10月21日舉辦秋季就業博覽會，85家廠商釋出職缺3,200個。",
    paragraphs=(
        "臺中市政府勞工局10月21日在臺中國際展覽館舉辦「2023秋季就業博覽會」，共有85家廠商參與，釋出職缺3,200個，"
        "其中月薪新台幣4萬元以上的職缺約占三成。",
        "勞工局長表示，今年本市失業率維持在3.6%左右，但精密機械、半導體及長照等產業仍有人才缺口。"
        "為鼓勵民眾穩定就業，市府針對媒合成功並持續就業滿3個月的求職者，提供每人新台幣1萬元的就業獎勵金。",
        "現場設有外語人才、中高齡及身心障礙者專區，並安排12場企業說明會。據統計，當天共吸引約4,600名求職者到場，"
        "初步媒合率達52%。",
        "一位在現場應徵設備工程師的應屆畢業生說，自己投遞了5份履歷，有2家公司當場約定下週複試。",
        "勞工局提醒，下一場大型徵才活動將於11月18日在豐原區舉行，相關資訊可上臺中市就業服務處網站查詢。",
    ),
)

WUHOU = Article(
    title="武侯区总工会“金秋助学”发放助学金94.4万元 236名困难职工子女受益",
    published="2024-08-28T11:02:00+08:00",
    source="武侯区总工会",
    author="通讯员 陈思远",
    description="成都市武侯区总工会为236名困难职工家庭子女发放助学金共计94.4万元。",
    paragraphs=(
        "8月27日，成都市武侯区总工会在区职工服务中心举行2024年“金秋助学”集中发放仪式，"
        "为236名困难职工家庭子女发放助学金共计94.4万元。",
        "今年的助学标准按学段划分：考入本科院校的每人资助5000元，考入高职高专的每人资助3000元，"
        "在读研究生每人资助6000元。资金由区总工会专项经费、爱心企业捐赠和职工互助保障金共同承担，"
        "其中12家爱心企业捐款31万元。",
        "区总工会相关负责人介绍，自2015年开展“金秋助学”活动以来，武侯区已累计资助困难职工子女2100余人次，"
        "发放助学金近900万元。今年起，区总还将助学对象扩大到新就业形态劳动者家庭。",
        "受助学生代表、即将进入大学就读的张雨欣说，这笔助学金解决了她的学费问题，她将努力学习回报社会。",
    ),
)

LUOYANG = Article(
    title="洛阳市职工书屋建设推进会召开 今年新建职工书屋58家",
    published="2023-04-20T15:30:00+08:00",
    source="洛阳市总工会宣教部",
    author="王磊",
    description="洛阳市职工书屋建设推进会4月19日在偃师区召开。",
    paragraphs=(
        "4月19日，洛阳市职工书屋建设推进会在偃师区召开。会议通报了2022年全市职工书屋建设情况，"
        "对15家“示范职工书屋”进行了授牌。",
        "据介绍，2022年洛阳市各级工会投入资金300万元，新建和提升职工书屋73家，配送图书4.2万册，"
        "开展读书分享、“书香三八”等阅读活动180余场，参与职工2.3万人次。",
        "今年，洛阳市总工会计划再新建职工书屋58家，重点向产业园区、新业态企业和乡镇倾斜，"
        "每家示范书屋给予2万元补助。会上，洛阳中原重工机械有限公司工会、偃师区总工会作了交流发言。",
    ),
)

NINGBO = Article(
    title="宁波市2024年“安全生产月”活动启动 发放宣传资料10万份",
    published="2024-06-03T09:00:00+08:00",
    source="宁波应急管理",
    author="记者 徐晨",
    description="宁波市2024年“安全生产月”活动6月1日在北仑区启动。",
    paragraphs=(
        "6月1日，宁波市2024年“安全生产月”活动启动仪式在北仑区举行。仪式由宁波市安全生产委员会办公室、"
        "宁波市应急管理局主办，宁波市总工会、共青团宁波市委等单位协办。",
        "今年“安全生产月”的主题是“人人讲安全、个个会应急——畅通生命通道”。活动期间，全市将组织开展应急演练500余场，"
        "排查整治消防通道隐患，计划发放宣传资料10万份。",
        "启动仪式现场设置了20个咨询展台，吸引约3000名市民参与。北仑区一家化工企业的30名员工还现场进行了危化品泄漏应急处置演示。",
        "市应急管理局表示，今年1至5月，全市共检查企业1.9万家次，督促整改隐患4.6万项，累计罚款1260万元。",
    ),
)

WENZHOU = Article(
    title="温州市总工会组织120名劳模工匠开展疗休养",
    published="2023-11-15",
    source="温州市总工会",
    author="",
    description="",
    paragraphs=(
        "11月13日至17日，温州市总工会组织首批120名劳动模范和工匠人才赴文成县、泰顺县开展为期5天的疗休养活动。",
        "此次疗休养由市总工会出资约48万元，参加人员包括全国劳动模范3名、省级劳动模范27名和“温州工匠”40名，"
        "其余为市级劳动模范。疗休养期间安排了健康体检、心理健康讲座和红色教育参观等内容。",
        "温州市总工会劳动和经济工作部负责人介绍，2023年全市计划安排劳模疗休养600人次，截至10月底已完成480人次。",
    ),
)

GUIYANG = Article(
    title="贵阳“春风行动”专场招聘会提供岗位1.2万个",
    published="2024-02-19",
    source="贵阳市人力资源和社会保障局",
    author="",
    description="",
    paragraphs=(
        "2月18日，农历正月初九，由贵阳市人力资源和社会保障局、贵阳市总工会联合举办的2024年“春风行动”"
        "专场招聘会在贵阳国际会议展览中心举行。",
        "招聘会共吸引206家用人单位进场，提供就业岗位1.2万个，涉及电子信息、先进制造、现代服务等行业，"
        "其中月薪6000元以上的岗位占比约15%。",
        "现场还设置了政策咨询、职业指导和技能培训报名专区。截至当天下午4时，进场求职人员约9800人次，"
        "初步达成就业意向3100余人。",
    ),
)

LANZHOU = Article(
    title="兰州新区32家企业集中签订工资集体协议 惠及职工1.8万人",
    published="2024-03-26T09:15:00+08:00",
    source="兰州新区总工会",
    author="",
    description="",
    paragraphs=(
        "3月25日，兰州新区工资集体协商集中签约仪式在新区职工服务中心举行，32家企业与职工方代表集中签订工资专项集体合同，"
        "覆盖职工1.8万人。",
        "根据协议，签约企业今年职工工资平均增幅不低于5%，一线职工最低工资标准高出当地标准200元，"
        "企业每年安排职工教育培训经费不少于工资总额的1.5%。",
        "兰州新区总工会负责人表示，新区已连续6年开展集中签约，累计签订集体合同1100余份。"
        "今年将重点推动新能源、精细化工等行业开展行业性集体协商。",
    ),
)


@dataclass(frozen=True)
class Site:
    name: str
    address: str
    postcode: str
    icp: str  # invented registration numbers
    phone: str


MIANYANG_SITE = Site("绵阳市总工会", "绵阳市涪城区临园路东段68号", "621000", "蜀ICP备00000001号-1", "0816-0000001")
WUHOU_SITE = Site("武侯区总工会", "成都市武侯区晋阳路1号", "610041", "蜀ICP备00000002号", "028-00000002")
NINGBO_SITE = Site("宁波市应急管理局", "宁波市鄞州区宁穿路2001号", "315066", "浙ICP备00000003号", "0574-00000003")
HUZHOU_SITE = Site("湖州市总工会", "湖州市吴兴区仁皇山路666号", "313000", "浙ICP备00000004号", "0572-00000004")
LUOYANG_SITE = Site("洛阳市总工会", "洛阳市洛龙区开元大道218号", "471000", "豫ICP备00000005号", "0379-00000005")


def _paragraphs_html(article: Article, indent: str = "      ") -> str:
    return "\n".join(f"{indent}<p>{html.escape(p, quote=False)}</p>" for p in article.paragraphs)


def portal_page(article: Article, *, site: Site, section: str, url: str) -> str:
    """A modern municipal news portal: header nav, breadcrumb, share bar, related links, footer."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(article.title)}_{site.name}</title>
  <meta name="keywords" content="工会,职工,{section}">
  <meta name="description" content="{html.escape(article.description)}">
  <meta name="author" content="{html.escape(article.author)}">
  <meta property="og:title" content="{html.escape(article.title)}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{article.published}">
  <link rel="canonical" href="{url}">
  <link rel="stylesheet" href="/static/css/article.css">
  <script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); hm.src = "/static/js/stat.js"; }})();</script>
</head>
<body>
  <div class="top-bar">欢迎访问{site.name}！ <a href="/login">登录</a> | <a href="/register">注册</a> <span class="weather">今日天气：多云 22℃</span></div>
  <div class="header">
    <div class="logo"><img src="/static/img/logo.png" alt="{site.name}"></div>
    <ul class="nav">
      <li><a href="/">首页</a></li><li><a href="/news/">新闻中心</a></li><li><a href="/union/">工会动态</a></li>
      <li><a href="/service/">职工服务</a></li><li><a href="/rights/">维权帮扶</a></li><li><a href="/online/">网上工会</a></li>
    </ul>
    <form class="search" action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>
  </div>
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/union/">工会动态</a> &gt; {section}</div>
  <div class="main">
    <div class="article">
      <h1 class="title">{html.escape(article.title)}</h1>
      <div class="info">
        <span class="time">发布时间：{article.minute}</span>
        <span class="source">来源：{article.source}</span>
        <span class="author">作者：{article.author}</span>
        <span class="views">浏览量：<em id="hits">--</em></span>
        <span class="font">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span>
      </div>
      <div class="content" id="content">
{_paragraphs_html(article)}
        <p class="editor">（责任编辑：赵敏）</p>
      </div>
      <div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a> <a class="qz">QQ空间</a> <a onclick="window.print()">【打印】</a> <a onclick="window.close()">【关闭】</a></div>
      <div class="prev-next">
        <p>上一篇：<a href="/union/2024/0910/5521.html">市总工会召开第三季度重点工作推进会</a></p>
        <p>下一篇：<a href="/union/2024/0913/5530.html">涪城区开展新就业形态劳动者入会集中行动</a></p>
      </div>
    </div>
    <div class="sidebar">
      <h3>相关新闻</h3>
      <ul>
        <li><a href="/union/2024/0905/5502.html">全市工会系统学习贯彻全会精神专题培训班开班</a></li>
        <li><a href="/union/2024/0830/5487.html">“职工之家”建设观摩活动在游仙区举行</a></li>
        <li><a href="/union/2024/0822/5466.html">户外劳动者服务站点实现乡镇全覆盖</a></li>
      </ul>
      <h3>热点排行</h3>
      <ol><li><a href="/service/1.html">职工医疗互助保障参保指南</a></li><li><a href="/service/2.html">法律援助申请流程</a></li></ol>
    </div>
  </div>
  <div class="footer">
    <p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/sitemap">网站地图</a></p>
    <p>主办单位：{site.name} 版权所有 Copyright © 2024 All Rights Reserved</p>
    <p>地址：{site.address} 邮编：{site.postcode} 联系电话：{site.phone}</p>
    <p>{site.icp} 技术支持：某某网络科技有限公司</p>
    <p>建议使用1920×1080分辨率、Chrome或Edge浏览器访问本站</p>
  </div>
</body>
</html>
"""


def legacy_page(article: Article, *, site: Site, charset_meta: str | None) -> str:
    """An older table-layout union site (the kind still served in GBK)."""
    meta = f'<meta charset="{charset_meta}">\n' if charset_meta else ""
    return f"""<html>
<head>
{meta}<title>{html.escape(article.title)}--{site.name}</title>
<meta name="description" content="{html.escape(article.description)}">
<style type="text/css">body{{font-size:12px;}} .bt{{font-size:18px;font-weight:bold;}}</style>
</head>
<body>
<table width="960" align="center" border="0" cellpadding="0" cellspacing="0">
  <tr><td><img src="images/banner.jpg" width="960" height="120"></td></tr>
  <tr><td class="menu"><a href="index.html">网站首页</a> | <a href="list_1.html">工会要闻</a> | <a href="list_2.html">基层动态</a> | <a href="list_3.html">劳模风采</a> | <a href="list_4.html">法律法规</a> | <a href="list_5.html">下载中心</a></td></tr>
  <tr><td>您现在的位置：<a href="index.html">首页</a> &gt;&gt; <a href="list_1.html">工会要闻</a> &gt;&gt; 正文</td></tr>
</table>
<table width="960" align="center" border="0">
  <tr><td align="center" class="bt">{html.escape(article.title)}</td></tr>
  <tr><td align="center">作者：{article.author}&nbsp;&nbsp;来源：{article.source}&nbsp;&nbsp;发布时间：{article.minute}&nbsp;&nbsp;点击数：<span id="click">1024</span></td></tr>
  <tr><td>
{_paragraphs_html(article, indent="    ")}
  </td></tr>
  <tr><td align="right">【<a href="javascript:window.print()">打印此页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
  <tr><td>上一篇：<a href="show_880.html">全市工会财务工作会议召开</a><br>下一篇：<a href="show_882.html">市总工会开展“安康杯”竞赛检查</a></td></tr>
</table>
<table width="960" align="center" border="0">
  <tr><td align="center">版权所有：{site.name} &nbsp; 地址：{site.address} &nbsp; 邮编：{site.postcode}<br>{site.icp} &nbsp; 您是本站第<span>0012345</span>位访客</td></tr>
</table>
</body>
</html>
"""


def taiwan_page(article: Article, *, site: str) -> str:
    """A Taiwanese regional news site in Big5, charset in the http-equiv meta."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=big5" />
<title>{html.escape(article.title)} - {site}</title>
<meta name="description" content="{html.escape(article.description)}" />
<meta property="article:published_time" content="{article.published}" />
<meta name="author" content="{article.author}" />
</head>
<body>
<div id="header"><a href="/">首頁</a>｜<a href="/politics">政治</a>｜<a href="/life">生活</a>｜<a href="/local">地方</a>｜<a href="/finance">財經</a>｜<a href="/member">會員登入</a></div>
<div id="path"><a href="/">首頁</a> &gt; <a href="/local">地方</a> &gt; 中部</div>
<div id="news">
  <h1>{html.escape(article.title)}</h1>
  <div class="date">{article.minute}　{article.author}／臺中報導</div>
{_paragraphs_html(article, indent="  ")}
  <div class="tags">相關標籤：就業博覽會　勞工局　徵才</div>
</div>
<div id="more"><h3>延伸閱讀</h3><ul><li><a href="/local/1.html">中市推動中高齡就業 加碼職訓補助</a></li><li><a href="/local/2.html">大臺中青年創業貸款說明會登場</a></li></ul></div>
<div id="footer">{site}版權所有，未經授權不得轉載　客服信箱：service@example.com.tw</div>
</body>
</html>
"""


def text_dump(article: Article) -> str:
    """A page saved as plain text, chrome lines included, as crawl dumps often are."""
    lines = [
        "首页 > 新闻动态 > 工会要闻",
        "",
        article.title,
        "",
        f"来源：{article.source}  发布时间：{article.minute}  浏览次数：",
        "",
        *article.paragraphs,
        "",
        "【打印本页】【关闭窗口】",
        "上一篇：新区总工会召开2024年工作会议",
        "下一篇：新区开展职工普惠服务进园区活动",
        "版权所有：兰州新区总工会  甘ICP备00000000号",
    ]
    return "\n".join(lines) + "\n"


def write_warc(path: Path) -> None:
    """warcinfo, a request/response pair (UTF-8), a GBK response with the charset only in HTTP, a 301."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    def write(n: int, date: str, url: str, kind: str, body: bytes = b"", http=None, **extra) -> None:
        headers = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>", "WARC-Date": date}
        record = writer.create_warc_record(
            url, kind, payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers, **extra
        )
        writer.write_record(record)

    def response(status: str, headers: list[tuple[str, str]]) -> StatusAndHeaders:
        return StatusAndHeaders(status, headers, protocol="HTTP/1.1")

    info = json.dumps({"software": "newsfacts sample generator", "format": "WARC File Format 1.1"}).encode()
    write(1, "2024-08-29T02:00:00Z", "crawl.warc.gz", "warcinfo", info, warc_content_type="application/json")

    wuhou_url = "https://www.whqzgh.example.cn/news/2024/0828/2291.html"
    request = StatusAndHeaders(
        "GET /news/2024/0828/2291.html HTTP/1.1",
        [("Host", "www.whqzgh.example.cn"), ("User-Agent", "newsfacts-sample/0.1")],
        is_http_request=True,
    )
    write(2, "2024-08-29T02:00:01Z", wuhou_url, "request", http=request)
    write(
        3, "2024-08-29T02:00:02Z", wuhou_url, "response",
        portal_page(WUHOU, site=WUHOU_SITE, section="区总动态", url=wuhou_url).encode("utf-8"),
        response("200 OK", [("Content-Type", "text/html; charset=UTF-8"), ("Server", "nginx"),
                            ("Last-Modified", "Wed, 28 Aug 2024 03:02:00 GMT")]),
    )
    write(
        4, "2023-04-21T06:30:00Z", "http://www.lyzgh.example.cn/html/gonghuiyaowen/2023/0420/881.html", "response",
        legacy_page(LUOYANG, site=LUOYANG_SITE, charset_meta=None).encode("gbk"),
        response("200 OK", [("Content-Type", "text/html; charset=GBK"), ("Server", "Microsoft-IIS/7.5")]),
    )
    write(
        5, "2023-04-21T06:30:01Z", "http://www.lyzgh.example.cn/html/gonghuiyaowen/", "response",
        http=response("301 Moved Permanently", [
            ("Location", "http://www.lyzgh.example.cn/html/gonghuiyaowen/index.html"), ("Content-Length", "0"),
        ]),
    )
    path.write_bytes(buffer.getvalue())


def feed_lines() -> list[dict[str, str]]:
    """Three JSONL pages (one HTML, two text) and a repost of the Mianyang article."""
    ningbo_url = "https://www.nbaj.example.cn/art/2024/6/3/art_1229_88012.html"
    return [
        {
            "id": "feed-ningbo-20240603",
            "url": ningbo_url,
            "published": NINGBO.published,
            "fetched_at": "2024-06-03T05:10:00Z",
            "html": portal_page(NINGBO, site=NINGBO_SITE, section="工作动态", url=ningbo_url),
        },
        {
            "id": "feed-wenzhou-20231115",
            "url": "https://www.wzzgh.example.cn/news/20231115/7781.html",
            "title": WENZHOU.title,
            "published": WENZHOU.published,
            "text": "\n".join(WENZHOU.paragraphs),
        },
        {
            "id": "feed-guiyang-20240219",
            "title": GUIYANG.title,
            "published": GUIYANG.published,
            "text": "\n".join(GUIYANG.paragraphs),
        },
        {
            "id": "feed-repost-mianyang",
            "url": "https://www.scgrrb.example.cn/2024/0913/zhigong/10422.html",
            "title": MIANYANG_REPOST.title,
            "published": MIANYANG_REPOST.date,
            "text": "\n".join((f"来源：{MIANYANG_REPOST.source}", *MIANYANG_REPOST.paragraphs)),
        },
    ]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    mianyang_url = "https://www.myzgh.example.cn/union/2024/0912/5526.html"
    files = {
        "html_utf8_mianyang_skills.html": portal_page(
            MIANYANG, site=MIANYANG_SITE, section="基层风采", url=mianyang_url
        ).encode("utf-8"),
        "html_gbk_huzhou_cooling.html": legacy_page(HUZHOU, site=HUZHOU_SITE, charset_meta="gbk").encode("gbk"),
        "big5_taichung_jobfair.html": taiwan_page(TAICHUNG, site="中部新聞網").encode("big5"),
        "feed.jsonl": "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in feed_lines()).encode("utf-8"),
        "lanzhou_wage_agreement.txt.gz": gzip.compress(text_dump(LANZHOU).encode("utf-8"), mtime=0),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    write_warc(OUT / "crawl.warc.gz")
    for path in sorted(OUT.iterdir()):
        size = path.stat().st_size
        assert size < MAX_SAMPLE_BYTES, f"{path.name} is {size} bytes; samples must stay small"
        print(f"{size:>7}  {path.relative_to(OUT.parents[1])}")


if __name__ == "__main__":
    main()
