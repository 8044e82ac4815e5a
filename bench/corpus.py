"""Synthetic but realistic text for a provincial 政府信息公开 portal (benchmark only).

Where the words come from:

* the seed documents' own sentences (/work/shared/seeds/*.txt: annual reports and rules of real
  transport bureaus), read at generation time and used mostly for 年报/制度/工作总结 items;
* sentence and title templates written for this benchmark, one set per catalogue column
  (行政许可、行政处罚、政府采购、重大建设项目、统计信息、人事信息、建议提案办理…), with slots;
* vocabularies drawn with Zipf weights (a few names are everywhere, most are rare): places
  (乡镇、村、社区、道路、河流), companies (地名 + 商号 + 行业), people (张某某), projects,
  amounts, dates, plate numbers and 统一社会信用代码, and one profile per kind of department
  (交通、教育、卫健、住建、自然资源、农业农村、市场监管…) with its own work, licences, violations,
  laws and statistics.

So a common word (公开, 工作) is in most documents, a department's words in its share of them,
and a village or a company in a handful — the long tail a real portal's index has.
"""

from __future__ import annotations

import bisect
import glob
import itertools
import math
import random
import re
from dataclasses import dataclass, field

SEEDS_GLOB = "/work/shared/seeds/*.txt"


# --- Sampling -------------------------------------------------------------------------------


class Zipf:
    """Pick from ``items`` with weight 1/rank**s (the first item is the most common)."""

    def __init__(self, items, s: float = 1.0):
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r**s) for r in range(1, len(self.items) + 1)))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


class Uniform:
    def __init__(self, items):
        self.items = list(items)

    def __call__(self, rng: random.Random):
        return self.items[int(rng.random() * len(self.items))]


# --- Vocabularies ---------------------------------------------------------------------------

SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
PLACE_FIRST = (
    "东西南北上下大小新老青白黄红石金银铜龙凤马鹿云山水河江湖溪泉林松柏桃李梅竹花田禾丰安平宁康"
    "泰和兴隆盛昌福寿吉祥永长清明光华阳星高岭坪坝岗沟塘湾洲桥岩沙柳杨槐枫樟茶桑麻"
)
PLACE_SECOND = "家庄河沟坪山岭湾塘坝田桥口溪源坡洼营屯寨铺店集堡冲垭场庙台园峰湖洲滩"
BRANDS = (
    "宏达 鑫源 恒通 华宇 顺达 通达 永盛 兴旺 金鼎 鼎盛 汇丰 瑞祥 盛世 天成 远航 安捷 捷运 万通 畅达 "
    "路桥 明珠 新星 东方 宏远 凯达 昌盛 恒信 诚信 金桥 银河 长城 黄河 泰山 华夏 中天 天宇 锦程 "
    "鸿运 祥瑞 富民 惠民 利民 康达 健民 百草 绿源 青山 碧水 蓝天 润泽 嘉禾 丰收 金穗 禾丰 益农 "
    "众诚 精诚 立信 合力 同心 协力 腾飞 飞跃 启航 远景 前程 智慧 博远 卓越 优品 佳美 美嘉 新城 "
    "恒大 宏图 伟业 建华 建兴 兴业 振兴 隆昌 福源 福泰 安泰 安康 平安 顺丰 达通 快捷 速达 运通 "
    "聚源 汇通 合众 万家 千禧 百信 金诺 银泰 亿达 兆丰 鼎新 创新 科创 智联 云联 数联 信达 华信"
).split()
INDUSTRIES = (
    "运输有限公司 物流有限公司 客运有限公司 建设工程有限公司 公路工程有限公司 建筑劳务有限公司 "
    "商贸有限公司 建材有限责任公司 环保科技有限公司 机动车检测有限公司 驾驶员培训学校 汽车维修服务部 "
    "出租汽车有限公司 市政工程有限公司 工程咨询有限公司 工程监理有限公司 信息技术有限公司 "
    "农业开发有限公司 餐饮管理有限公司 房地产开发有限公司 医药连锁有限公司 食品有限公司 "
    "农民专业合作社 家庭农场 养殖场 种植专业合作社 砂石有限公司 矿业有限公司 水务有限公司 "
    "燃气有限公司 电力工程有限公司 劳务派遣有限公司 物业服务有限公司 酒店管理有限公司 "
    "旅游开发有限公司 文化传媒有限公司 教育咨询有限公司 诊所 药店 超市 加油站 五金店"
).split()
PROVINCE = "江岭省"
CITIES = ["青川市", "临江市", "白石市", "东平市", "云溪市"]
COUNTIES = [
    "禄源县",
    "安平县",
    "清河县",
    "石门县",
    "永宁县",
    "桃江县",
    "凤山县",
    "宁远县",
    "长乐县",
    "丰泽县",
]
SEASONS = "春运 汛期 清明节 五一 国庆 中秋 春节 元旦 端午 暑期 冬季 雨季 高温季节 寒潮期间".split()
CN_NUM = "一二三四五六七八九十"

# Words every kind of department uses (the Zipf head of any government text).
GENERIC_WORKS = (
    "安全生产 项目建设 乡村振兴 营商环境 法治政府建设 作风建设 党风廉政建设 疫情防控 "
    "信访维稳 民生实事 基层治理 招商引资 政务公开 数字政府建设 “放管服”改革 人才引进 "
    "生态文明建设 防汛抗旱 森林防火 安全隐患排查 意识形态工作 扫黑除恶专项斗争 "
    "保密工作 档案管理 财务管理 政府采购 预算管理 绩效管理 政务服务 “一网通办” 12345热线"
).split()


@dataclass
class Profile:
    """The words of one kind of department."""

    name: str
    works: list[str]
    licences: list[str]
    violations: list[str]
    laws: list[str]
    projtypes: list[str]
    indicators: list[tuple[str, str]]  # (指标, 单位)
    policies: list[str]
    topic: str


def _p(name, works, licences, violations, laws, projtypes, indicators, policies, topic):
    return Profile(
        name,
        works.split(),
        licences.split(),
        violations.split(),
        laws.split(),
        projtypes.split(),
        [tuple(x.split(":")) for x in indicators.split()],
        policies.split(),
        topic,
    )


PROFILES = {
    "transport": _p(
        "交通运输",
        "农村公路建设 农村公路养护 道路运输安全 公路治超 城乡客运一体化 出租汽车管理 "
        "网约车监管 “四好农村路”建设 交通运输综合执法 公路养护管理 危险货物运输 驾培市场整治 "
        "公路安全生命防护工程 危桥改造 物流降本增效 客运站安全管理 水上交通安全 交通扶贫",
        "道路运输经营许可 道路旅客运输经营许可 道路货物运输经营许可 网络预约出租汽车经营许可 "
        "公路超限运输许可 涉路施工许可 出租汽车驾驶员从业资格 机动车维修经营备案 驾驶员培训经营备案",
        "未取得道路运输经营许可擅自从事道路运输经营 超限运输 未按规定维护和检测运输车辆 "
        "擅自在公路用地范围内设置非公路标志 客运车辆不按批准的客运站点停靠 未按规定使用卫星定位装置 "
        "擅自改装营运车辆 出租汽车拒载",
        "《中华人民共和国公路法》 《中华人民共和国道路运输条例》 《公路安全保护条例》 "
        "《道路旅客运输及客运站管理规定》 《道路货物运输及站场管理规定》 《出租汽车经营服务管理规定》",
        "公路改扩建工程 农村公路提档升级工程 危桥改造工程 客运站建设项目 物流园区建设项目 "
        "公路安全生命防护工程 港口码头建设工程 绕城公路建设工程 桥梁加固工程",
        "公路客运量:万人次 公路旅客周转量:万人公里 公路货运量:万吨 公路货物周转量:万吨公里 "
        "农村公路新改建里程:公里 公路养护里程:公里 营运车辆:辆 出租汽车:辆",
        "农村公路管理养护办法 出租汽车经营服务管理办法 道路运输安全生产管理办法 "
        "网络预约出租汽车经营服务管理暂行办法 公路路政管理规定 城乡客运一体化实施方案",
        "industry_transport",
    ),
    "education": _p(
        "教育",
        "义务教育均衡发展 学前教育普及普惠 “双减”工作 校园安全 教师队伍建设 控辍保学 "
        "学生资助 营养改善计划 职业教育 教育信息化 校舍维修改造 招生入学 课后服务 教育督导",
        "民办学校办学许可 教师资格认定 校外培训机构审批 幼儿园办园许可",
        "未经批准擅自举办校外培训机构 违规收取费用 违规招生 超标超前培训",
        "《中华人民共和国教育法》 《中华人民共和国义务教育法》 《中华人民共和国民办教育促进法》 "
        "《幼儿园管理条例》",
        "学校新建工程 教学楼建设项目 学生宿舍建设项目 幼儿园建设项目 运动场改造工程 校舍维修工程",
        "在校学生:人 专任教师:人 义务教育巩固率:% 学前教育毛入园率:% 学生资助金额:万元",
        "义务教育阶段招生入学工作实施方案 校外培训机构管理办法 学生资助工作实施细则 "
        "教师队伍建设实施意见 课后服务工作实施方案",
        "science_education",
    ),
    "health": _p(
        "卫生健康",
        "医疗卫生服务 基本公共卫生服务 家庭医生签约服务 传染病防控 疫苗接种 妇幼健康 "
        "医疗机构监管 爱国卫生运动 健康扶贫 医联体建设 老龄健康 职业病防治 院前急救",
        "医疗机构执业许可 护士执业注册 医师执业注册 公共场所卫生许可 放射诊疗许可 "
        "饮用水供水单位卫生许可",
        "未取得医疗机构执业许可证擅自执业 使用非卫生技术人员从事医疗卫生技术工作 "
        "未按规定进行消毒 公共场所未取得卫生许可证 医疗废物处置不规范",
        "《中华人民共和国基本医疗卫生与健康促进法》 《医疗机构管理条例》 "
        "《中华人民共和国传染病防治法》 《公共场所卫生管理条例》",
        "医院门诊楼建设项目 乡镇卫生院改扩建工程 疾控中心实验室建设项目 村卫生室标准化建设",
        "医疗机构:个 卫生技术人员:人 床位:张 诊疗人次:万人次 孕产妇系统管理率:%",
        "基本公共卫生服务项目实施方案 家庭医生签约服务工作方案 医疗机构管理办法 "
        "突发公共卫生事件应急预案",
        "health",
    ),
    "housing": _p(
        "住房和城乡建设",
        "城镇老旧小区改造 保障性住房建设 房地产市场监管 建筑施工安全 城市管理 燃气安全 "
        "农村危房改造 物业管理 城市更新 海绵城市建设 建筑市场整治 农民工工资支付 园林绿化",
        "建筑工程施工许可 商品房预售许可 燃气经营许可 建筑业企业资质 城镇污水排入排水管网许可 "
        "拆除建筑物许可",
        "未取得施工许可证擅自施工 违规预售商品房 未按规定办理竣工验收备案 施工现场扬尘治理不到位 "
        "拖欠农民工工资",
        "《中华人民共和国建筑法》 《中华人民共和国城乡规划法》 《建设工程质量管理条例》 "
        "《城镇燃气管理条例》 《物业管理条例》",
        "老旧小区改造项目 保障性租赁住房项目 安置房建设项目 市政道路改造工程 "
        "污水管网建设工程 供水管网改造工程 公园建设项目",
        "房屋施工面积:万平方米 商品房销售面积:万平方米 改造老旧小区:个 建筑业总产值:亿元",
        "城镇老旧小区改造实施方案 物业管理办法 建筑工地扬尘治理办法 住房保障实施细则",
        "construction",
    ),
    "nature": _p(
        "自然资源",
        "国土空间规划 耕地保护 不动产登记 地质灾害防治 土地征收 矿产资源管理 "
        "自然资源确权登记 林长制 违法用地整治 测绘地理信息 土地储备 生态修复",
        "建设用地规划许可 建设工程规划许可 乡村建设规划许可 采矿许可 临时用地审批 建设项目用地预审",
        "非法占用耕地 未经批准擅自建房 无证采矿 违法转让土地使用权 未按规划许可建设",
        "《中华人民共和国土地管理法》 《中华人民共和国城乡规划法》 《中华人民共和国矿产资源法》 "
        "《不动产登记暂行条例》 《地质灾害防治条例》",
        "土地整治项目 地质灾害治理工程 高标准农田建设项目 矿山生态修复项目 国土绿化项目",
        "新增建设用地:公顷 耕地保有量:万亩 不动产登记:件 地质灾害隐患点:处",
        "土地征收补偿安置办法 国土空间总体规划 地质灾害防治方案 耕地保护责任目标考核办法",
        "land",
    ),
    "agriculture": _p(
        "农业农村",
        "粮食生产 高标准农田建设 农村人居环境整治 动物疫病防控 农产品质量安全 "
        "农业产业化 乡村振兴 农民专业合作社 农机购置补贴 耕地地力保护补贴 “菜篮子”工程 "
        "渔业资源保护 农村宅基地管理 产业扶贫",
        "农药经营许可 兽药经营许可 种子生产经营许可 动物防疫条件合格证 农作物种子经营许可 "
        "渔业捕捞许可",
        "经营假劣农药 违规使用兽药 无证经营种子 违法捕捞 未按规定报告动物疫情",
        "《中华人民共和国农业法》 《中华人民共和国种子法》 《农药管理条例》 "
        "《中华人民共和国动物防疫法》 《中华人民共和国农产品质量安全法》",
        "高标准农田建设项目 农田水利工程 产业园建设项目 冷链物流建设项目 人居环境整治项目",
        "粮食播种面积:万亩 粮食产量:万吨 农村居民人均可支配收入:元 农机购置补贴:万元",
        "农机购置补贴实施方案 耕地地力保护补贴发放办法 农村人居环境整治行动方案 "
        "乡村振兴战略实施意见",
        "agriculture",
    ),
    "market": _p(
        "市场监督管理",
        "食品安全 特种设备安全 药品安全 产品质量监督 知识产权保护 价格监督检查 "
        "市场主体登记 “双随机、一公开”监管 广告监管 计量监督 消费者权益保护 标准化工作",
        "食品经营许可 食品生产许可 药品经营许可 特种设备使用登记 工业产品生产许可 营业执照核发",
        "经营超过保质期的食品 未取得食品经营许可从事食品经营 销售不合格产品 虚假宣传 价格欺诈 "
        "未按规定检验特种设备 无照经营",
        "《中华人民共和国食品安全法》 《中华人民共和国产品质量法》 《中华人民共和国广告法》 "
        "《中华人民共和国价格法》 《特种设备安全监察条例》 《中华人民共和国反不正当竞争法》",
        "检验检测中心建设项目 食品快检室建设项目 智慧监管平台建设项目",
        "市场主体:户 食品抽检:批次 投诉举报:件 特种设备:台",
        "食品安全监督抽检计划 “双随机、一公开”监管工作实施方案 市场主体登记管理办法",
        "market",
    ),
    "environment": _p(
        "生态环境",
        "大气污染防治 水污染防治 土壤污染防治 环境影响评价 中央生态环境保护督察整改 "
        "饮用水水源地保护 排污许可管理 固体废物处置 噪声污染防治 河长制 环境监测",
        "排污许可 建设项目环境影响评价审批 危险废物经营许可 辐射安全许可",
        "超标排放污染物 未批先建 未按规定设置排污口 违规处置危险废物 擅自停运污染防治设施",
        "《中华人民共和国环境保护法》 《中华人民共和国大气污染防治法》 "
        "《中华人民共和国水污染防治法》 《中华人民共和国环境影响评价法》",
        "污水处理厂提标改造项目 垃圾填埋场整治项目 河道综合治理工程 饮用水源保护工程",
        "空气质量优良天数比例:% 细颗粒物平均浓度:微克/立方米 地表水达标率:% 环境信访:件",
        "大气污染防治实施方案 水污染防治工作方案 突发环境事件应急预案 排污许可管理办法",
        "construction",
    ),
    "hr": _p(
        "人力资源和社会保障",
        "就业创业 社会保险扩面 根治欠薪 技能培训 人才引进 劳动保障监察 工伤保险 "
        "养老保险 失业保险 职称评审 事业单位公开招聘 劳动人事争议调解仲裁",
        "劳务派遣经营许可 人力资源服务许可 民办职业培训学校办学许可",
        "拖欠劳动者工资 未依法缴纳社会保险费 违法延长工作时间 未签订劳动合同",
        "《中华人民共和国劳动法》 《中华人民共和国劳动合同法》 《中华人民共和国社会保险法》 "
        "《保障农民工工资支付条例》",
        "公共实训基地建设项目 人力资源市场建设项目 创业孵化基地建设项目",
        "城镇新增就业:人 城镇登记失业率:% 养老保险参保:万人 职业技能培训:人次",
        "就业创业补贴实施办法 事业单位公开招聘实施方案 农民工工资支付保障办法",
        "labour",
    ),
    "civil": _p(
        "民政",
        "城乡低保 特困人员供养 临时救助 养老服务 殡葬管理 婚姻登记 社会组织管理 "
        "儿童福利 残疾人两项补贴 社区治理 地名管理 慈善事业 救灾救济",
        "社会团体成立登记 民办非企业单位登记 养老机构备案 殡葬设施建设审批",
        "社会组织未按规定年检 违规建设墓地 养老机构安全隐患整改不到位",
        "《社会救助暂行办法》 《中华人民共和国老年人权益保障法》 《殡葬管理条例》 "
        "《社会团体登记管理条例》",
        "养老服务中心建设项目 敬老院改造工程 公益性公墓建设项目 儿童福利院建设项目",
        "城乡低保对象:人 低保资金:万元 特困供养人员:人 养老床位:张",
        "最低生活保障实施办法 临时救助实施细则 养老服务补贴管理办法",
        "civil",
    ),
    "water": _p(
        "水利",
        "河长制 防汛抗旱 农村饮水安全 水土保持 水资源管理 水利工程建设 小型水库除险加固 "
        "河道采砂管理 节水型社会建设 灌区改造 山洪灾害防治",
        "取水许可 河道采砂许可 水土保持方案审批 涉河建设项目审批",
        "未经批准擅自取水 非法采砂 未编报水土保持方案 侵占河道",
        "《中华人民共和国水法》 《中华人民共和国防洪法》 《中华人民共和国水土保持法》 "
        "《河道管理条例》",
        "水库除险加固工程 农村饮水安全巩固提升工程 灌区续建配套工程 河道综合治理工程 堤防工程",
        "供水量:万立方米 水土流失治理面积:平方公里 农村自来水普及率:%",
        "河长制工作方案 防汛抗旱应急预案 农村饮水安全工程管理办法",
        "agriculture",
    ),
    "emergency": _p(
        "应急管理",
        "安全生产专项整治 自然灾害防治 应急救援队伍建设 森林防灭火 危险化学品安全 "
        "非煤矿山安全 烟花爆竹安全 防灾减灾 应急预案管理 安全生产执法",
        "危险化学品经营许可 烟花爆竹经营许可 非煤矿山安全生产许可",
        "未按规定开展安全生产教育培训 未建立事故隐患排查治理制度 违规储存危险化学品 "
        "未按规定配备安全管理人员",
        "《中华人民共和国安全生产法》 《中华人民共和国突发事件应对法》 "
        "《危险化学品安全管理条例》 《生产安全事故报告和调查处理条例》",
        "应急物资储备库建设项目 应急指挥中心建设项目 避难场所建设项目",
        "生产安全事故:起 死亡人数:人 安全检查:家次 隐患整改率:%",
        "生产安全事故应急预案 安全生产专项整治三年行动实施方案 自然灾害救助应急预案",
        "market",
    ),
    "finance": _p(
        "财政",
        "预算管理 国库集中支付 政府债务管理 惠民惠农财政补贴 国有资产管理 会计监督 "
        "政府采购监管 财政评审 非税收入管理 直达资金监管",
        "代理记账机构审批 政府采购代理机构登记",
        "违规使用财政资金 会计信息失真 违规政府采购",
        "《中华人民共和国预算法》 《中华人民共和国政府采购法》 《中华人民共和国会计法》",
        "财政信息化建设项目",
        "一般公共预算收入:亿元 一般公共预算支出:亿元 政府性基金收入:亿元",
        "财政专项资金管理办法 政府采购内部控制管理办法 预算绩效管理实施办法",
        "finance",
    ),
    "general": _p(
        "人民政府",
        "经济社会发展 重点项目建设 政务服务 营商环境 乡村振兴 安全生产 民生实事 城市管理 "
        "生态环境保护 社会治理 招商引资 防汛救灾 政务公开",
        "行政审批 项目核准",
        "违法建设 违规用地",
        "《中华人民共和国政府信息公开条例》 《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》 "
        "《重大行政决策程序暂行条例》",
        "城市道路建设工程 产业园区基础设施项目 安置房建设项目 综合体育馆建设项目 "
        "文化中心建设项目 污水处理厂建设项目",
        "地区生产总值:亿元 固定资产投资:亿元 社会消费品零售总额:亿元 城镇居民人均可支配收入:元",
        "政府工作规则 重大行政决策程序规定 政务服务管理办法 国民经济和社会发展规划纲要 "
        "突发事件总体应急预案",
        "general",
    ),
}

# Departments of a government: (name at city/county level, name at province level, short code for
# 文号, 机构代码 letters, profile)
DEPARTMENTS = [
    ("发展和改革局", "发展和改革委员会", "发改", "FG", "general"),
    ("教育局", "教育厅", "教", "JY", "education"),
    ("公安局", "公安厅", "公", "GA", "general"),
    ("民政局", "民政厅", "民", "MZ", "civil"),
    ("财政局", "财政厅", "财", "CZ", "finance"),
    ("人力资源和社会保障局", "人力资源和社会保障厅", "人社", "RS", "hr"),
    ("自然资源局", "自然资源厅", "自然资", "ZR", "nature"),
    ("生态环境局", "生态环境厅", "环", "HJ", "environment"),
    ("住房和城乡建设局", "住房和城乡建设厅", "建", "ZJ", "housing"),
    ("交通运输局", "交通运输厅", "交", "JT", "transport"),
    ("水利局", "水利厅", "水", "SL", "water"),
    ("农业农村局", "农业农村厅", "农", "NY", "agriculture"),
    ("卫生健康委员会", "卫生健康委员会", "卫健", "WJ", "health"),
    ("应急管理局", "应急管理厅", "应急", "YJ", "emergency"),
    ("市场监督管理局", "市场监督管理局", "市监", "SJ", "market"),
    ("统计局", "统计局", "统", "TJ", "general"),
    ("医疗保障局", "医疗保障局", "医保", "YB", "health"),
    ("文化和旅游局", "文化和旅游厅", "文旅", "WL", "general"),
    ("林业局", "林业局", "林", "LY", "nature"),
]


@dataclass
class AgencySpec:
    name: str
    short: str
    code: str
    doc_prefix: str
    level: str  # province / city / county / township
    kind: str  # government / department
    region: str  # 江岭省 / 青川市 / 禄源县 / 城关镇
    gov: str  # the government of the region
    profile: str
    parent: int | None  # index into the list
    weight: float  # share of the portal's items
    doc_variants: list[str] = field(default_factory=list)


def agency_tree() -> list[AgencySpec]:
    """200 agencies: a province, five cities, ten counties, their departments and townships."""
    out: list[AgencySpec] = []

    def add(spec):
        out.append(spec)
        return len(out) - 1

    prov_gov = f"{PROVINCE}人民政府"
    p = add(
        AgencySpec(
            prov_gov,
            "省政府",
            "JL00001",
            "岭政",
            "province",
            "government",
            PROVINCE,
            prov_gov,
            "general",
            None,
            3.0,
            ["岭政发", "岭政办发", "岭政函", "岭政办函"],
        )
    )
    add(
        AgencySpec(
            f"{PROVINCE}人民政府办公厅",
            "省政府办公厅",
            "JL00002",
            "岭政办",
            "province",
            "department",
            PROVINCE,
            prov_gov,
            "general",
            p,
            2.0,
            ["岭政办发", "岭政办函"],
        )
    )
    for i, (_, prov_name, short, letters, profile) in enumerate(DEPARTMENTS):
        add(
            AgencySpec(
                f"{PROVINCE}{prov_name}",
                prov_name,
                f"JL{letters}{i + 10:03d}",
                f"岭{short}",
                "province",
                "department",
                PROVINCE,
                prov_gov,
                profile,
                p,
                1.5,
                [f"岭{short}发", f"岭{short}函", f"岭{short}办"],
            )
        )
    townships = iter(
        "城关镇 新华镇 太平镇 石桥镇 龙泉镇 永安镇 桃源乡 清水乡 白沙镇 马鞍镇 红岩镇 金山镇 "
        "双河镇 青龙乡 三江镇 长安镇 大坪乡 凤凰镇 安乐乡".split()
    )
    for c, city in enumerate(CITIES):
        cs = city[0]
        city_gov = f"{city}人民政府"
        letters = "QLBDY"[c]
        g = add(
            AgencySpec(
                city_gov,
                "市政府",
                f"{letters}C{c:01d}0001",
                f"{cs}政",
                "city",
                "government",
                city,
                city_gov,
                "general",
                p,
                2.5,
                [f"{cs}政发", f"{cs}政办发", f"{cs}政函"],
            )
        )
        add(
            AgencySpec(
                f"{city}人民政府办公室",
                "市政府办",
                f"{letters}C{c:01d}0002",
                f"{cs}政办",
                "city",
                "department",
                city,
                city_gov,
                "general",
                g,
                1.5,
                [f"{cs}政办发", f"{cs}政办函"],
            )
        )
        for i, (name, _, short, dl, profile) in enumerate(DEPARTMENTS[:14]):
            add(
                AgencySpec(
                    f"{city}{name}",
                    name,
                    f"{letters}C{c:01d}{dl}{i:02d}",
                    f"{cs}{short}",
                    "city",
                    "department",
                    city,
                    city_gov,
                    profile,
                    g,
                    2.0 if profile in ("transport", "market", "housing", "nature") else 1.0,
                    [f"{cs}{short}发", f"{cs}{short}函", f"{cs}{short}"],
                )
            )
        for k in range(2):
            county = COUNTIES[c * 2 + k]
            ks = county[0]
            county_gov = f"{county}人民政府"
            cg = add(
                AgencySpec(
                    county_gov,
                    "县政府",
                    f"{letters}X{k}0001",
                    f"{ks}政",
                    "county",
                    "government",
                    county,
                    county_gov,
                    "general",
                    g,
                    1.5,
                    [f"{ks}政发", f"{ks}政办发"],
                )
            )
            for i, (name, _, short, dl, profile) in enumerate(
                [d for d in DEPARTMENTS if d[4] != "general"][:7]
            ):
                add(
                    AgencySpec(
                        f"{county}{name}",
                        name,
                        f"{letters}X{k}{dl}{i:02d}",
                        f"{ks}{short}",
                        "county",
                        "department",
                        county,
                        county_gov,
                        profile,
                        cg,
                        0.8,
                        [f"{ks}{short}发", f"{ks}{short}"],
                    )
                )
            for _ in range(2 if (c * 2 + k) < 9 else 1):
                town = next(townships)
                add(
                    AgencySpec(
                        f"{county}{town}人民政府",
                        town,
                        f"{letters}X{k}T{len(out):03d}",
                        f"{town[:2]}",
                        "township",
                        "government",
                        town,
                        f"{county}{town}人民政府",
                        "general",
                        cg,
                        0.3,
                        [f"{town[:2]}政发", f"{town[:2]}政"],
                    )
                )
    return out


# --- Catalogue columns: how often each gets an item, titles and sentences -------------------

# code → (weight, topic override or None)
COLUMN_WEIGHTS = {
    "0100": 0.3,
    "0201": 0.4,
    "0202": 3.0,
    "0203": 9.0,
    "0300": 4.0,
    "0400": 5.0,
    "0500": 5.0,
    "0600": 3.0,
    "0700": 13.0,
    "0800": 11.0,
    "0900": 1.0,
    "1000": 0.5,
    "1100": 8.0,
    "1200": 6.0,
    "1300": 6.0,
    "1400": 2.0,
    "1500": 3.0,
    "1600": 4.0,
    "1700": 2.0,
    "1800": 13.0,
    "1900": 0.1,
    "2000": 0.1,
    "2100": 0.2,
}

TITLES = {
    "0100": [
        "{agency}机构职能",
        "{agency}领导分工",
        "{agency}内设机构及主要职责",
        "{agency}办公地址及联系方式",
    ],
    "0201": ["{region}{policy}", "{gov}令第{n}号《{region}{policy}》"],
    "0202": [
        "{agency}关于印发《{region}{policy}》的通知",
        "{gov}关于印发《{region}{policy}》的通知",
        "{agency}关于进一步加强{work}的实施意见",
        "{region}{policy}",
        "{agency}关于修订《{region}{policy}》的通知",
    ],
    "0203": [
        "{agency}关于做好{year}年{work}工作的通知",
        "{agency}关于开展{work}专项行动的通知",
        "{agency}关于进一步加强{work}工作的通知",
        "{agency}关于印发{year}年{work}工作要点的通知",
        "{agency}关于成立{work}工作领导小组的通知",
        "{agency}关于做好{season}期间{work}工作的通知",
        "{agency}关于调整{work}工作领导小组成员的通知",
        "{agency}关于印发《{region}{work}工作方案》的通知",
        "关于转发《{law_short}》的通知",
    ],
    "0300": [
        "《{region}{policy}》政策解读",
        "一图读懂《{region}{policy}》",
        "《{region}{policy}》起草说明",
        "关于《{region}{policy}》的解读",
        "{agency}负责人解读《{region}{policy}》",
    ],
    "0400": [
        "{agency}{year}年工作总结和{nyear}年工作计划",
        "{agency}{year}年{work}工作计划",
        "{region}“十四五”{profile_name}发展规划",
        "{agency}{year}年上半年工作总结",
        "{region}{year}年国民经济和社会发展计划执行情况",
        "{agency}{year}年{work}工作要点",
    ],
    "0500": [
        "{year}年{month}月{region}{profile_name}主要统计指标",
        "{year}年{region}{profile_name}统计公报",
        "{region}{year}年1-{month}月{indicator}情况",
        "{year}年第{quarter}季度{region}{profile_name}运行情况",
    ],
    "0600": [
        "{agency}{year}年部门预算",
        "{agency}{pyear}年部门决算",
        "{agency}{year}年“三公”经费预算情况说明",
        "{region}{year}年财政预算执行情况",
        "{agency}{pyear}年度部门整体支出绩效自评报告",
    ],
    "0700": [
        "{agency}关于{company}{licence}的决定",
        "{agency}行政许可决定公示（{year}年第{n}期）",
        "{licence}办理结果公示",
        "关于{company}申请{licence}的批复",
        "{agency}{year}年{month}月行政许可信息公示",
        "{licence}准予许可决定书",
    ],
    "0800": [
        "{agency}行政处罚决定书（{punish_no}）",
        "{agency}行政处罚信息公示（{year}年第{n}期）",
        "{company}{violation}案行政处罚决定书",
        "{year}年{month}月行政处罚案件信息公开",
        "{agency}关于对{company}作出行政处罚的决定",
    ],
    "0900": [
        "{agency}行政强制决定书",
        "关于对{company}采取行政强制措施的公告",
        "{agency}查封扣押决定书（{punish_no}）",
    ],
    "1000": ["{agency}行政事业性收费项目目录", "{agency}{year}年行政事业性收费项目及标准公示"],
    "1100": [
        "{project}采购公告",
        "{project}中标（成交）结果公告",
        "{agency}{project}竞争性磋商公告",
        "{agency}{year}年政府采购意向公开",
        "{project}更正公告",
        "{project}合同公告",
        "{agency}{year}年{work}服务项目询价公告",
        "{agency}{noun}采购项目竞争性谈判公告",
        "{agency}{noun}及配套设备采购项目中标公告",
    ],
    "1200": [
        "{project}批准结果信息",
        "{project}施工许可信息",
        "{project}招标公告",
        "{project}建设进展情况",
        "{project}竣工验收信息",
        "{project}环境影响评价公示",
        "关于{project}可行性研究报告的批复",
    ],
    "1300": [
        "{region}{year}年{month}月城乡低保资金发放情况",
        "{region}{year}年{profile_name}惠民政策汇编",
        "{year}年{region}就业创业补贴发放公示",
        "{region}{year}年{month}月特困人员救助供养资金发放情况",
        "{agency}{year}年民生实事项目推进情况",
        "{town}{year}年临时救助对象公示",
    ],
    "1400": [
        "{agency}关于做好{season}{event}防范应对工作的通知",
        "{region}{event}应急预案",
        "关于{town}{event}处置情况的通报",
        "{agency}{season}安全生产预警提示",
    ],
    "1500": [
        "{agency}关于{year}年{work}专项检查情况的通报",
        "{agency}{year}年“双随机、一公开”抽查结果公示",
        "{region}{year}年{work}督查情况通报",
        "关于{year}年{month}月{work}暗访检查发现问题的通报",
    ],
    "1600": [
        "{agency}{year}年公开招聘工作人员公告",
        "{agency}{year}年公开招聘工作人员拟聘用人员公示",
        "{agency}干部任前公示",
        "{gov}关于{person}等同志职务任免的通知",
        "{agency}{year}年公开遴选工作人员笔试成绩公告",
    ],
    "1700": [
        "对{region}第{session}届人大{session_no}次会议第{n2}号建议的答复",
        "对政协{region}第{session}届委员会第{session_no}次会议第{n2}号提案的答复",
        "{agency}{year}年建议提案办理工作总结",
        "关于{region}{work}的建议的答复",
    ],
    "1800": [
        "关于{town}{project}征收土地的公告",
        "{agency}关于{work}的公示",
        "{agency}关于{year}年{work}的公告",
        "{region}{year}年{work}先进集体和先进个人拟表彰名单公示",
        "关于{road}{roadwork}期间交通管制的通告",
        "{agency}关于{company}等{n}家企业{work}情况的公示",
        "{town}{village}{projtype}公示",
        "{agency}关于注销{n}户{licence}的公告",
        "{agency}关于{noun}有关事项的公告",
        "关于征集{noun}意见建议的公告",
        "关于{year}年{work}资金分配情况的公示",
    ],
    "1900": ["{agency}政府信息公开指南", "{agency}政府信息公开指南（{year}年修订）"],
    "2000": [
        "{agency}政府信息公开工作制度",
        "{agency}政府信息公开保密审查制度",
        "{agency}政务公开工作实施细则",
    ],
    "2100": ["{agency}{pyear}年政府信息公开工作年度报告"],
}

# Opening sentences per column (the first paragraph).
HEADS = {
    "0100": [
        "{agency}是{gov}工作部门，主要负责全{level}{profile_name}工作。",
        "根据{region}机构改革方案，{agency}主要职责如下。",
    ],
    "0201": [
        "第一条 为了加强{work}，规范{work2}，根据{law}等法律法规，结合本{level}实际，制定本办法。",
        "《{region}{policy}》已经{date}{gov}第{n}次常务会议审议通过，现予公布，自{date2}起施行。",
    ],
    "0202": [
        "各{sub}：",
        "第一条 为进一步规范{work}，推动{work2}高质量发展，根据{law}和有关规定，结合本{level}实际，制定本办法。",
        "为深入贯彻落实党中央、国务院关于{work}的决策部署，现就进一步加强{work2}提出如下意见。",
    ],
    "0203": [
        "各{sub}：",
        "为认真贯彻落实{doc_ref}精神，切实做好{year}年{work}工作，现将有关事项通知如下。",
        "根据{gov}工作安排，经研究，决定在全{level}范围内开展{work}专项行动，现将有关事项通知如下。",
    ],
    "0300": [
        "近日，{agency}印发了《{region}{policy}》（{doc_ref}），现就有关内容解读如下。",
        "一、起草背景。为贯彻落实{law}有关规定，进一步规范{work}，{agency}在深入调研的基础上起草了本办法。",
    ],
    "0400": [
        "{year}年，{agency}在{gov}的坚强领导下，紧紧围绕全{level}中心工作，扎实推进{work}，各项工作取得明显成效。现将有关情况报告如下。",
        "为做好{nyear}年{work}工作，结合我{unit_word}实际，制定本计划。",
    ],
    "0500": [
        "{year}年1-{month}月，全{level}{indicator}{num_unit}，同比{updown}{pct}%。",
        "{year}年，全{level}{profile_name}运行总体平稳，主要指标稳中有进。",
    ],
    "0600": [
        "根据{law_budget}和{gov}有关要求，现将{agency}{year}年部门预算公开如下。",
        "{agency}{pyear}年度收入合计{amount}，支出合计{amount2}。",
    ],
    "0700": [
        "{company}：你单位于{date}提出的{licence}申请，经审查，符合{law}规定的条件，根据{law2}的规定，决定准予行政许可。",
        "申请人：{company}，统一社会信用代码：{uscc}，许可事项：{licence}，许可决定日期：{date}。",
    ],
    "0800": [
        "当事人：{company}，统一社会信用代码：{uscc}，住所：{region}{town}{village}。",
        "当事人{person}，住址：{region}{town}{village}，车牌号码：{plate}。",
    ],
    "0900": [
        "当事人：{company}，住所：{region}{town}。{date}，本机关在执法检查中发现当事人涉嫌{violation}。"
    ],
    "1000": ["根据{law_fee}和{gov}有关规定，现将{agency}行政事业性收费项目及标准公示如下。"],
    "1100": [
        "项目概况：{project}的潜在供应商应在{region}公共资源交易中心获取采购文件，并于{date}9点30分前提交响应文件。",
        "一、项目编号：{proj_code}。二、项目名称：{project}。三、预算金额：{amount}。",
        "{agency}{project}采购项目已于{date}完成评审，现将结果公告如下。",
    ],
    "1200": [
        "{project}位于{region}{town}，建设规模：{scale}，总投资{amount}。",
        "项目名称：{project}；建设单位：{agency}；项目代码：{proj_code}；批复文号：{doc_ref}。",
    ],
    "1300": [
        "根据{law_civil}有关规定，现将{region}{year}年{month}月{work}情况公示如下。",
        "{year}年{month}月，全{level}共发放{work}资金{amount}，惠及{n2}人。",
    ],
    "1400": [
        "各{sub}：近期，我{level}将进入{season}，{event}风险明显增加。为切实做好防范应对工作，现将有关事项通知如下。",
        "{date}{clock}，{region}{town}{village}发生{event}，{agency}第一时间启动应急响应。",
    ],
    "1500": [
        "为推动{work}工作落到实处，{date}至{date2}，{agency}组织对全{level}{work2}工作开展了专项检查。",
        "根据{year}年“双随机、一公开”抽查工作计划，{agency}对{n}家单位开展了随机抽查，现将结果公示如下。",
    ],
    "1600": [
        "根据《事业单位人事管理条例》和{region}事业单位公开招聘有关规定，{agency}所属事业单位{year}年面向社会公开招聘工作人员{n}名。",
        "根据干部选拔任用有关规定，现将拟任职人员情况予以公示：{person}，男，{birth}生，大学学历，拟任{agency}{post}。",
    ],
    "1700": [
        "{person}代表：您提出的《关于{suggestion}的建议》收悉，现答复如下。",
        "{person}委员：您提出的《关于加快{work}的提案》收悉，经认真研究，现答复如下。",
    ],
    "1800": [
        "根据{law}有关规定，现将{work}有关情况公示如下。公示期为{date}至{date2}。",
        "为加快推进{project}建设，经{gov}批准，现将有关事项公告如下。",
        "因{road}{roadwork}需要，{date}至{date2}，{road}{segment}段实行交通管制，请过往车辆绕行。",
    ],
    "1900": [
        "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
    ],
    "2000": [
        "第一条 为了规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。"
    ],
    "2100": [
        "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制。",
        "{pyear}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开各项工作。",
    ],
}

# Sentences that belong to one column's body.
COLUMN_SENTENCES = {
    "0201": [
        "第{cn}条 {agency}是本{level}{work}的主管部门，负责本办法的组织实施。",
        "第{cn}条 违反本办法规定的，由{agency}责令改正，处{money_small}以上{money_big}以下罚款。",
        "第{cn}条 本办法自{date2}起施行。",
        "第{cn}条 县级以上人民政府应当将{work}纳入国民经济和社会发展规划，所需经费列入本级财政预算。",
    ],
    "0202": [
        "第{cn}条 本办法适用于本{level}行政区域内的{work}及其监督管理活动。",
        "第{cn}条 {agency}应当建立健全{work}制度，加强对{work2}的监督检查。",
        "第{cn}条 从事{licence}的单位，应当具备下列条件：有与其经营规模相适应的场所和设施；有健全的安全生产管理制度。",
        "第{cn}条 本办法由{agency}负责解释，自{date2}起施行，有效期{n_small}年。",
        "（{cn}）强化部门协同。{agency}会同{dept}等部门建立联席会议制度，定期研究解决{work}中的重大问题。",
    ],
    "0300": [
        "{cn_order}、主要内容。《办法》共{cn}章{n}条，主要包括总则、{work}、监督管理、法律责任和附则。",
        "{cn_order}、适用范围。本办法适用于本{level}行政区域内的{work}活动。",
        "{cn_order}、政策亮点。一是明确了{work}的责任主体；二是规范了{work2}的办理流程；三是强化了事中事后监管。",
        "解读机关：{agency}；解读人：{person}；联系电话：{phone}。",
    ],
    "0500": [
        "其中，{indicator}{num_unit}，同比{updown}{pct}%。",
        "{region}{indicator}{num_unit}，占全{level}的{pct}%。",
        "1-{month}月累计完成{indicator}{num_unit}，完成年度目标任务的{pct}%。",
        "注：以上数据为快报数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。",
    ],
    "0600": [
        "其中：一般公共预算拨款收入{amount}，比上年{updown}{pct}%，主要原因是{reason}。",
        "“三公”经费预算{amount}，其中：公务接待费{amount2}，公务用车运行维护费{amount3}，因公出国（境）费0万元。",
        "{pyear}年{agency}机关运行经费{amount}，比上年{updown}{pct}%。",
        "政府采购支出总额{amount}，其中：政府采购货物支出{amount2}，政府采购服务支出{amount3}。",
        "截至{pyear}年12月31日，{agency}共有车辆{n_small}辆，单价50万元以上通用设备{n_small2}台。",
    ],
    "0700": [
        "许可证编号：{permit_no}，有效期自{date}至{date2}。",
        "经营范围：{licence_scope}。",
        "{company}应当严格按照许可的事项从事经营活动，并接受{agency}的监督检查。",
        "如不服本决定，可以在收到本决定书之日起六十日内向{gov}申请行政复议，或者在六个月内依法向{court}提起行政诉讼。",
        "序号{n}：{company}，{licence}，{date}，准予许可。",
    ],
    "0800": [
        "经查，当事人于{date}在{road}{violation}，违反了{law}的规定。",
        "以上事实有现场检查笔录、调查询问笔录、{evidence}等证据为证。",
        "根据{law2}第{cn}条的规定，本机关决定对当事人处以罚款人民币{money}的行政处罚。",
        "当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行。逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。",
        "本机关于{date}向当事人送达了《行政处罚告知书》，当事人在法定期限内未提出陈述申辩意见。",
        "如不服本处罚决定，可在收到本决定书之日起六十日内向{gov}申请行政复议，也可在六个月内向{court}提起行政诉讼。",
        "案件编号：{punish_no}；处罚类别：罚款；处罚结果：罚款{money}；处罚机关：{agency}；处罚决定日期：{date}。",
    ],
    "1100": [
        "采购需求：{work}服务，服务期限{n_small}年，具体详见采购文件。",
        "中标（成交）供应商名称：{company}，地址：{region}{road}{n2}号，中标（成交）金额：{amount}。",
        "评审专家名单：{person}、{person2}、{person3}。",
        "采购人信息：名称：{agency}；地址：{region}{road}{n}号；联系方式：{phone}。",
        "采购标的：{noun}{n_small}批（套），{noun2}服务{n_small2}项。",
        "对本次公告内容有异议的，请于公告期满之日起七个工作日内以书面形式向采购人提出质疑。",
        "本项目{lot}共有{n_small}家供应商递交响应文件，经评审，{n_small2}家供应商通过资格审查。",
    ],
    "1200": [
        "项目建设内容：新建{scale}，配套建设排水、照明、交通安全设施等附属工程。",
        "截至{date}，项目累计完成投资{amount}，占总投资的{pct}%。",
        "施工单位：{company}；监理单位：{company2}；计划工期{n}个月。",
        "项目资金来源为{fund_source}，项目法人为{agency}。",
        "{project}于{date}开工建设，目前{progress}。",
    ],
    "1300": [
        "{town}共有城乡低保对象{n2}户{n3}人，本月发放低保金{amount}。",
        "序号{n}：{person}，{town}{village}，保障人口{n_small}人，月保障金额{money_month}元。",
        "请社会各界予以监督，如有异议，请在公示期内向{agency}反映，监督电话：{phone}。",
        "{year}年，全{level}累计发放{work}补贴{amount}，惠及困难群众{n2}人次。",
    ],
    "1400": [
        "各地各部门要加强值班值守，严格执行24小时值班和领导带班制度，确保信息畅通。",
        "要加强对{road}、{bridge}等重点部位的巡查，发现险情及时处置。",
        "截至{date}{clock}，共转移群众{n2}人，未造成人员伤亡。",
        "遇有突发情况，请及时拨打应急值守电话{phone}。",
    ],
    "1500": [
        "此次检查共检查企业{n2}家，发现问题隐患{n3}处，已整改{n}处，整改率{pct}%。",
        "抽查结果：{company}，抽查事项：{work}，检查结果：{check_result}。",
        "对检查中发现的{violation}问题，{agency}已依法责令限期整改。",
        "{town}{village}存在{problem}问题，已责成{town}政府于{date}前整改到位。",
    ],
    "1600": [
        "招聘岗位：{post}，招聘人数{n_small}名，报名时间为{date}至{date2}。",
        "序号{n}：{person}，{sex}，{birth}生，{degree}，拟聘岗位：{post}。",
        "公示时间为{date}至{date2}。公示期间，如对公示对象有异议，请以书面或电话形式向{agency}反映。",
        "{person}同志任{agency}{post}，免去其{dept}{post2}职务。",
    ],
    "1700": [
        "您在建议中提出的{suggestion}问题，对推动我{level}{work}具有重要意义。",
        "下一步，我们将认真研究吸纳您的意见建议，进一步加大{work}力度。",
        "感谢您对{profile_name}工作的关心和支持。联系单位：{agency}；联系人：{person}；联系电话：{phone}。",
        "{year}年，{agency}共承办人大代表建议{n}件、政协提案{n_small}件，均已按时办结，办结率100%。",
    ],
    "1800": [
        "征收范围：{town}{village}集体土地{area}公顷，用于{project}建设。",
        "征收补偿标准按照{region}人民政府公布的区片综合地价执行。",
        "公示对象：{company}、{company2}等{n}家单位。",
        "管制期间，{road}{segment}段禁止{vehicle}通行，请过往车辆提前绕行{road2}。",
        "联系人：{person}，联系电话：{phone}，地址：{region}{road}{n}号。",
        "特此公告。",
    ],
    "2100": [
        "本年度，共主动公开政府信息{n2}条，其中政策文件{n}件。",
        "本年度受理政府信息公开申请{n}件，其中自然人申请{n_small}件，法人或其他组织申请{n_small2}件。",
        "本年度因政府信息公开被申请行政复议{n_small}件，被提起行政诉讼{n_small2}件。",
        "本年度未收取政府信息公开信息处理费。",
    ],
}

# Sentences any item of a department may carry (most of a body).
GENERIC_SENTENCES = [
    "{agency}高度重视{work}，成立了以主要负责人为组长的工作领导小组。",
    "要进一步提高思想认识，把{work}作为当前一项重要任务抓紧抓实。",
    "各{sub}要结合实际，制定具体工作方案，明确责任分工和完成时限。",
    "{year}年，全{level}共完成{work}任务{n}项，{work2}工作稳步推进。",
    "坚持问题导向，聚焦{work}中的突出问题，精准施策，综合治理。",
    "{town}{village}积极推进{work}，群众满意度明显提升。",
    "加强与{dept}等部门的协调配合，形成工作合力。",
    "认真落实{law}相关规定，依法履行{work}监管职责。",
    "{date}，{agency}召开{work}工作推进会，安排部署下一阶段重点工作。",
    "会议强调，要以更高标准、更实举措推进{work}，确保各项目标任务如期完成。",
    "截至{date}，全{level}已累计投入资金{amount}，完成{work}项目{n}个。",
    "下一步，{agency}将持续深化{work}，不断提升{work2}工作水平。",
    "对工作推进不力、造成严重后果的，将依法依规严肃追究相关人员责任。",
    "请各{sub}于{date}前将工作开展情况报送{agency}{office}，联系人：{person}，联系电话：{phone}。",
    "{region}{town}{village}至{village2}段道路全长{km}公里，路面宽{width}米。",
    "{company}积极履行社会责任，在{work}中发挥了示范带动作用。",
    "全面排查{work}领域风险隐患，建立问题清单、责任清单和整改清单。",
    "严格落实“{slogan}”要求，推动{work}工作制度化、规范化、常态化。",
    "组织开展{work}培训{n_small}期，培训人员{n2}人次。",
    "通过门户网站、政务新媒体等渠道发布{work}相关信息{n}条。",
    "加大对{violation}等违法行为的查处力度，全年查处案件{n}起。",
    "积极回应群众关切，办理群众诉求{n2}件，按时办结率{pct}%。",
    "持续推进{work}与{work2}深度融合，不断增强人民群众获得感、幸福感、安全感。",
    "落实“{slogan}”工作机制，确保{work}各项措施落地见效。",
    "本{level}{indicator}{num_unit}，较上年{updown}{pct}%。",
    "以{project}为抓手，统筹推进{work}和{work2}。",
    "各地要加强组织领导，压实属地责任，确保{work}取得实效。",
    "{date}，{region}{work}现场会在{town}召开。",
    "积极争取上级补助资金{amount}，用于{town}{projtype}。",
    "建立健全{work}长效机制，推动工作由“治标”向“治本”转变。",
    "{agency}主要负责同志带队深入{town}、{town2}等地开展调研督导。",
    "{person}反映{town}{village}{problem}的问题，经核实，情况属实，已责成有关单位限期整改。",
    "以“{slogan}”为目标，持续优化{work}服务流程，压缩办理时限{pct}%。",
    "坚持依法行政，规范行政执法行为，全面落实行政执法公示、执法全过程记录和重大执法决定法制审核制度。",
    "进一步规范政府信息公开工作，及时、准确公开{work}相关信息。",
    "坚持以人民为中心的发展思想，着力解决群众急难愁盼问题。",
    "切实加强对{work}资金的监督管理，确保专款专用。",
    "{year}年计划实施{projtype}{n}个，总投资{amount}。",
    "结合{season}特点，组织开展{work}专项检查，共出动检查人员{n2}人次。",
    "{region}{road}沿线{n_small}个乡镇{n2}个行政村受益。",
    "围绕{noun}、{noun2}等重点领域，持续加大{work}工作力度。",
    "群众反映的{noun}问题已转交{dept}办理，并于{date}答复当事人。",
    "开展{noun}专项整治，进一步规范{noun2}管理。",
    "{town}{village}依托{noun}资源，积极发展{noun2}产业，带动群众增收。",
    "加强{noun}与{noun2}的统筹协调，推动{work}提质增效。",
    "{date}，{agency}组织召开{noun}工作座谈会，听取{noun2}方面的意见建议。",
    "针对{noun}等方面存在的薄弱环节，制定整改措施{n_small}条。",
]

SLOGANS = (
    "谁主管、谁负责 管行业必须管安全 放管服 最多跑一次 一网通办 马上就办 四不两直 三个必须 "
    "党政同责、一岗双责 全覆盖、零容忍 三同步 应公开尽公开 能公开尽公开 谁公开、谁审查、谁负责 "
    "一事一审 双随机、一公开"
).split()
SUBS = "县（市、区）人民政府 乡（镇）人民政府 局属各单位 局机关各科室 有关单位 成员单位".split()
PROBLEMS = (
    "路面破损 排水不畅 垃圾乱堆乱放 违章搭建 噪声扰民 污水直排 路灯损坏 占道经营 "
    "饮水困难 出行不便 护栏缺失 标志标线不清 扬尘污染 油烟扰民 停车难"
).split()
EVENTS = "地质灾害 山洪灾害 道路结冰 森林火灾 低温雨雪冰冻灾害 强降雨 道路交通事故 山体滑坡".split()
POSTS = "副局长 办公室主任 科长 副科长 综合执法大队大队长 党组成员 四级调研员 一级主任科员 专业技术岗位 管理岗位".split()
DEGREES = "大学本科 研究生 大专 硕士研究生".split()
EVIDENCE = "现场照片 视听资料 车辆行驶证复印件 询问笔录 检测报告 鉴定意见".split()
REASONS = "人员增加 项目支出增加 落实过紧日子要求压减一般性支出 基本支出减少 专项经费调整".split()
FUND_SOURCES = (
    "中央车购税资金和地方自筹 地方政府专项债券 省级补助和市县配套 企业自筹 财政预算资金".split()
)
PROGRESS = "路基工程已完成 主体结构已封顶 正在进行路面施工 已完成工程量的一半 附属工程正在施工 已进入竣工验收阶段".split()
CHECK_RESULTS = "未发现问题 发现问题已责令整改 未按规定公示信息 通过登记的住所无法联系".split()
VEHICLES = "大型货车 危险货物运输车辆 重型载货汽车 所有机动车 七座以上客车".split()
COURTS = "人民法院"
SEGMENTS = (
    "K12+300至K15+800 K3+100至K5+600 K28+000至K31+450 K0+000至K2+200 K45+600至K48+100".split()
)
ROADWORKS = "路面改造 桥梁维修 管网施工 道路拓宽 沥青罩面施工 危桥加固".split()
LOTS = "一包 二包 三包 全部标段".split()


def _place_names(rng: random.Random, count: int, suffixes: str) -> list[str]:
    seen, out = set(), []
    while len(out) < count:
        name = rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND)
        if rng.random() < 0.15:
            name = rng.choice(PLACE_FIRST) + name
        name += rng.choice(suffixes) if len(suffixes) > 1 else suffixes
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


# --- Seed sentences -------------------------------------------------------------------------


def seed_sentences(pattern: str = SEEDS_GLOB) -> list[str]:
    """Whole sentences of the seed documents (CJK-rich, 15–160 characters)."""
    out = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for s in re.split(r"(?<=[。！？；])|\n", text):
            s = s.strip().lstrip("-").strip()
            s = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*", "", s)
            if not s:
                continue
            cjk = len(re.findall(r"[\u4e00-\u9fff]", s))
            if 15 <= len(s) <= 160 and cjk / len(s) > 0.6 and s[-1] in "。；！？":
                out.append(s)
    return list(dict.fromkeys(out))


# --- Ordinary nouns: the long tail --------------------------------------------------------

JIEBA_SDIST = "jieba==0.42.1"


def dictionary_nouns(cache_dir, limit: int = 20_000) -> list[str]:
    """The ``limit`` most frequent nouns (n, vn; 2–4 characters) of jieba's dictionary, in order
    of frequency: the subjects of notices, complaints and purchases are the long tail of a portal's
    vocabulary. Fetched once with ``pip download jieba`` (MIT) into ``cache_dir``; [] without it."""
    import subprocess
    import sys
    import tarfile
    from pathlib import Path

    cache_dir = Path(cache_dir)
    cache = cache_dir / "nouns.txt"
    if cache.exists():
        return cache.read_text(encoding="utf-8").split()
    cache_dir.mkdir(parents=True, exist_ok=True)
    archives = sorted(cache_dir.glob("jieba-*.tar.gz"))
    if not archives:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "-d",
                str(cache_dir),
                JIEBA_SDIST,
            ],
            check=False,
            timeout=600,
        )
        archives = sorted(cache_dir.glob("jieba-*.tar.gz"))
    if not archives:
        return []
    with tarfile.open(archives[-1]) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
        lines = tar.extractfile(member).read().decode("utf-8").splitlines()
    words = []
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and parts[2] in ("n", "vn") and 2 <= len(parts[0]) <= 4:
            if all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
                words.append((-int(parts[1]), parts[0]))
    words.sort()
    out = [w for _, w in words[:limit]]
    cache.write_text("\n".join(out), encoding="utf-8")
    return out


# --- The composer ---------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


def _compile(template: str):
    parts = []
    last = 0
    for m in _SLOT.finditer(template):
        if m.start() > last:
            parts.append(template[last : m.start()])
        parts.append((m.group(1),))
        last = m.end()
    if last < len(template):
        parts.append(template[last:])
    return parts


class Composer:
    """Titles and bodies of items, one agency and one column at a time."""

    def __init__(
        self,
        agencies: list[AgencySpec],
        nouns: list[str] | None = None,
        seed: int = 7,
        seeds_glob: str = SEEDS_GLOB,
    ):
        rng = random.Random(seed)
        self.nouns = Zipf(nouns or GENERIC_WORKS, 1.0)
        self.agencies = agencies
        self.seeds = seed_sentences(seeds_glob)
        self.towns = Zipf(_place_names(rng, 600, "镇乡"), 0.9)
        self.villages = Zipf(_place_names(rng, 6000, "村"), 0.8)
        road_names = _place_names(rng, 800, "路")
        road_names += [f"{c}{d}线" for c in "GSXY" for d in rng.sample(range(1, 999), 60)]
        rng.shuffle(road_names)
        self.roads = Zipf(road_names, 0.9)
        self.bridges = Zipf([n[:-1] + "大桥" for n in _place_names(rng, 400, "桥")], 0.9)
        self.brands = Zipf(BRANDS, 0.7)
        self.industries = Zipf(INDUSTRIES, 0.8)
        self.surnames = Zipf(SURNAMES, 0.9)
        self.generic_works = Zipf(GENERIC_WORKS, 1.0)
        self.slogans = Zipf(SLOGANS, 1.0)
        self.compiled: dict[str, list] = {}
        self.profiles = {k: self._profile_samplers(p) for k, p in PROFILES.items()}
        self.column_codes = list(COLUMN_WEIGHTS)
        self.column_pick = list(itertools.accumulate(COLUMN_WEIGHTS.values()))

    @staticmethod
    def _profile_samplers(p: Profile):
        return {
            "works": Zipf(p.works, 0.8),
            "licences": Zipf(p.licences, 1.0),
            "violations": Zipf(p.violations, 1.0),
            "laws": Zipf(p.laws, 1.0),
            "projtypes": Zipf(p.projtypes, 0.9),
            "indicators": Zipf(p.indicators, 0.9),
            "policies": Zipf(p.policies, 0.9),
        }

    def pick_column(self, rng: random.Random) -> str:
        x = rng.random() * self.column_pick[-1]
        return self.column_codes[bisect.bisect(self.column_pick, x)]

    # The fill ---------------------------------------------------------------------------

    def fill(self, template: str, ctx: _Ctx) -> str:
        parts = self.compiled.get(template)
        if parts is None:
            parts = self.compiled[template] = _compile(template)
        out = []
        for part in parts:
            if type(part) is str:
                out.append(part)
            else:
                out.append(ctx.slot(part[0]))
        return "".join(out)

    def compose(self, rng: random.Random, agency_index: int, column: str, when, doc_number: str):
        """(title, body HTML, keywords) of one item of ``agency`` in ``column``, published ``when``."""
        ctx = _Ctx(self, rng, self.agencies[agency_index], when, doc_number)
        title = self.fill(rng.choice(TITLES[column]), ctx)
        target = min(3500, max(90, int(rng.lognormvariate(math.log(560), 0.6))))
        heads = HEADS.get(column, [])
        own = COLUMN_SENTENCES.get(column, [])
        sentences = [self.fill(rng.choice(heads), ctx)] if heads else []
        length = sum(len(s) for s in sentences)
        policy_like = column in ("1900", "2000", "2100", "0400")
        used: set[str] = set()
        while length < target:
            x = rng.random()
            if own and x < 0.35:
                pool = own
            elif x < (0.75 if policy_like else 0.96):
                pool = GENERIC_SENTENCES
            else:
                pool = self.seeds
            template = rng.choice(pool)
            if template in used:  # a document rarely says the same thing twice
                template = rng.choice(pool)
            used.add(template)
            s = template if pool is self.seeds else self.fill(template, ctx)
            sentences.append(s)
            length += len(s)
        if column in ("0203", "0202", "1400", "1800", "0600", "0400", "2100"):
            sentences.append(f"{ctx.agency.name}\n{ctx.cn_date(when)}")
        paras, i = [], 0
        while i < len(sentences):
            k = 1 + int(rng.random() * 4)
            paras.append("".join(sentences[i : i + k]))
            i += k
        body = "".join(f"<p>{_escape(p)}</p>" for p in paras)
        keywords = "，".join(dict.fromkeys([ctx.slot("work"), ctx.profile.name]))
        return title, body, keywords


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )


class _Ctx:
    """Slot values for one item: fixed ones (agency, year) and fresh draws (a village, a sum)."""

    def __init__(
        self, composer: Composer, rng: random.Random, agency: AgencySpec, when, doc_number
    ):
        self.c = composer
        self.rng = rng
        self.agency = agency
        self.when = when
        self.doc_number = doc_number
        self.profile = PROFILES[agency.profile]
        self.ps = composer.profiles[agency.profile]
        self.article = 0
        self.order = 0
        self.fixed = {
            "agency": agency.name,
            "gov": agency.gov,
            "region": agency.region,
            "level": {"province": "省", "city": "市", "county": "县", "township": "镇"}[
                agency.level
            ],
            "profile_name": self.profile.name,
            "year": str(when.year),
            "pyear": str(when.year - 1),
            "nyear": str(when.year + 1),
            "month": str(when.month),
            "quarter": CN_NUM[(when.month - 1) // 3],
            "office": "办公室",
            "unit_word": "局" if agency.kind == "department" else "单位",
            "court": agency.region + COURTS,
            "law_budget": "《中华人民共和国预算法》",
            "law_fee": "《行政事业性收费项目审批管理暂行办法》",
            "law_civil": "《社会救助暂行办法》",
        }
        # One project and one company per item, as a real notice names one.
        self._project = None
        self._company = None

    def cn_date(self, d) -> str:
        return f"{d.year}年{d.month}月{d.day}日"

    def _date(self) -> str:
        w = self.when
        month = max(1, min(12, w.month - int(self.rng.random() * 3)))
        return f"{w.year}年{month}月{1 + int(self.rng.random() * 28)}日"

    def _company_name(self) -> str:
        r = self.rng
        place = self.agency.region[:2] if r.random() < 0.7 else self.c.towns(r)[:2]
        return place + self.c.brands(r) + self.c.industries(r)

    def _project_name(self) -> str:
        r = self.rng
        kind = self.ps["projtypes"](r)
        x = r.random()
        if x < 0.4:
            return f"{self.c.roads(r)}{kind}"
        if x < 0.7:
            return f"{self.c.towns(r)}{self.c.villages(r)}{kind}"
        return f"{self.agency.region}{self.c.towns(r)}{kind}"

    def slot(self, name: str) -> str:
        value = self.fixed.get(name)
        if value is not None:
            return value
        r = self.rng
        c = self.c
        ri = lambda lo, hi: str(lo + int(r.random() * (hi - lo + 1)))  # noqa: E731
        match name:
            case "work":
                return self.ps["works"](r) if r.random() < 0.7 else c.generic_works(r)
            case "work2":
                return self.ps["works"](r) if r.random() < 0.6 else c.generic_works(r)
            case "noun" | "noun2":
                return c.nouns(r)
            case "policy":
                return self.ps["policies"](r)
            case "law" | "law2":
                return self.ps["laws"](r)
            case "law_short":
                return self.ps["laws"](r).strip("《》")
            case "licence":
                return self.ps["licences"](r)
            case "licence_scope":
                return "、".join(
                    r.sample(self.profile.licences, min(2, len(self.profile.licences)))
                )
            case "violation":
                return self.ps["violations"](r)
            case "projtype":
                return self.ps["projtypes"](r)
            case "indicator":
                return self.ps["indicators"](r)[0]
            case "num_unit":
                ind = self.ps["indicators"](r)
                unit = ind[1]
                return (
                    f"{r.uniform(1, 5000):.1f}{unit}"
                    if unit != "%"
                    else f"{r.uniform(50, 99.9):.1f}%"
                )
            case "project":
                if self._project is None:
                    self._project = self._project_name()
                return self._project
            case "company":
                if self._company is None:
                    self._company = self._company_name()
                return self._company
            case "company2":
                return self._company_name()
            case "person" | "person2" | "person3":
                return c.surnames(r) + ("某某" if r.random() < 0.6 else "某")
            case "town" | "town2":
                return (
                    c.towns(r)
                    if self.agency.level != "township" or r.random() < 0.3
                    else self.agency.region
                )
            case "village" | "village2":
                return c.villages(r)
            case "road" | "road2":
                return c.roads(r)
            case "bridge":
                return c.bridges(r)
            case "dept":
                d = DEPARTMENTS[int(r.random() * len(DEPARTMENTS))]
                return self.agency.region + (d[1] if self.agency.level == "province" else d[0])
            case "sub":
                return SUBS[int(r.random() * len(SUBS))]
            case "date":
                return self._date()
            case "date2":
                w = self.when
                return f"{w.year + (w.month > 9)}年{(w.month + 2) % 12 + 1}月{1 + int(r.random() * 28)}日"
            case "clock":
                return f"{ri(6, 22)}时{ri(10, 59)}分"
            case "n":
                return ri(2, 60)
            case "n2" | "n3":
                return ri(100, 9999)
            case "n_small" | "n_small2":
                return ri(1, 9)
            case "cn":
                self.article += 1
                return _cn_number(self.article + 1)
            case "cn_order":
                self.order += 1
                return _cn_number(self.order + 1)
            case "amount" | "amount2" | "amount3":
                x = r.lognormvariate(math.log(180), 1.3)
                return f"{x:.2f}万元" if x < 10000 else f"{x / 10000:.2f}亿元"
            case "money":
                return f"{ri(2, 300) + '00'}元" if r.random() < 0.6 else f"{ri(1, 20)}万元"
            case "money_small":
                return f"{ri(1, 5)}000元"
            case "money_big":
                return f"{ri(1, 5)}万元"
            case "money_month":
                return ri(300, 900)
            case "pct":
                return f"{r.uniform(0.5, 35):.1f}"
            case "updown":
                return "增长" if r.random() < 0.65 else "下降"
            case "km":
                return f"{r.uniform(0.8, 60):.1f}"
            case "width":
                return f"{r.choice([4.5, 5, 6, 6.5, 7, 8.5, 12, 24])}"
            case "area":
                return f"{r.uniform(0.5, 120):.4f}"
            case "scale":
                return (
                    f"道路{r.uniform(1, 45):.2f}公里"
                    if r.random() < 0.6
                    else f"建筑面积{ri(1200, 98000)}平方米"
                )
            case "phone":
                return f"0{ri(700, 999)}-{ri(2000000, 8999999)}"
            case "plate":
                return f"{self.agency.region[0]}{'ABCDEFG'[int(r.random() * 7)]}{ri(10000, 99999)}"
            case "uscc":
                return "91" + "".join(
                    r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(16)
                )
            case "permit_no":
                return f"{self.agency.region[0]}字{ri(100000, 999999)}号"
            case "proj_code":
                return f"{self.when.year}-{ri(100000, 999999)}-{ri(10, 99)}-01-{ri(100000, 999999)}"
            case "punish_no":
                return f"{self.agency.doc_prefix}罚〔{self.when.year}〕{ri(1, 400)}号"
            case "doc_ref":
                if self.doc_number and r.random() < 0.3:
                    return self.doc_number
                prefix = r.choice(self.agency.doc_variants) if self.agency.doc_variants else "政发"
                return f"{prefix}〔{self.when.year - int(r.random() * 3)}〕{ri(1, 150)}号"
            case "season":
                return SEASONS[int(r.random() * len(SEASONS))]
            case "event":
                return EVENTS[int(r.random() * len(EVENTS))]
            case "slogan":
                return c.slogans(r)
            case "problem":
                return PROBLEMS[int(r.random() * len(PROBLEMS))]
            case "post" | "post2":
                return POSTS[int(r.random() * len(POSTS))]
            case "degree":
                return DEGREES[int(r.random() * len(DEGREES))]
            case "sex":
                return "男" if r.random() < 0.55 else "女"
            case "birth":
                return f"{ri(1968, 1999)}年{ri(1, 12)}月"
            case "evidence":
                return EVIDENCE[int(r.random() * len(EVIDENCE))]
            case "reason":
                return REASONS[int(r.random() * len(REASONS))]
            case "fund_source":
                return FUND_SOURCES[int(r.random() * len(FUND_SOURCES))]
            case "progress":
                return PROGRESS[int(r.random() * len(PROGRESS))]
            case "check_result":
                return CHECK_RESULTS[int(r.random() * len(CHECK_RESULTS))]
            case "vehicle":
                return VEHICLES[int(r.random() * len(VEHICLES))]
            case "segment":
                return SEGMENTS[int(r.random() * len(SEGMENTS))]
            case "roadwork":
                return ROADWORKS[int(r.random() * len(ROADWORKS))]
            case "lot":
                return LOTS[int(r.random() * len(LOTS))]
            case "suggestion":
                x = r.random()
                if x < 0.35:
                    return f"加快{self.c.towns(r)}{self.ps['projtypes'](r)}"
                if x < 0.7:
                    return f"加强{self.c.nouns(r)}管理"
                return f"加强{self.ps['works'](r)}"
            case "session":
                return "十" + CN_NUM[int(r.random() * 5)]
            case "session_no":
                return CN_NUM[int(r.random() * 5)]
        raise KeyError(name)


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
