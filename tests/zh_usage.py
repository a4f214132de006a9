"""The one list of words a Taiwanese reader should not meet in the zh-TW texts (lessons, guides, README,
overview, cheat sheet): mainland or Simplified wording, and terms the glossary (shared/GLOSSARY.md) replaces."""

import re

# Mainland usage, in Simplified and in Traditional characters.
MAINLAND = [
    "代码", "程序", "默认", "默認", "对象", "文件", "信息", "网络", "网絡", "網絡",
    "优化", "優化", "内存", "內存", "支持", "质量", "質量", "设备", "設備", "滑块",
    "柱状图", "数据", "數據", "张量", "权重", "类别", "损失", "样本", "训练", "预测",
    "软件", "軟件", "视频", "視頻", "屏幕", "服务器", "服務器", "文件夾", "用戶", "鏈接",
    "界面", "運行", "項目", "报错", "報錯",
]

# Terms the glossary fixes otherwise: 不加權, 抵消, 可調設定, 最後才用測試集評估一次, 驗證集.
OFF_GLOSSARY = ["未加權", "抵銷", "旋鈕", "可調整的參數", "再讀一次測試集", "驗證資料集"]


def off_usage(text: str) -> list[str]:
    """The listed words that ``text`` contains (程序 is mainland for a program, but 程序 in 程序性 ... is rare
    enough in these texts that it is listed as is)."""
    return [w for w in MAINLAND + OFF_GLOSSARY if w in text]


def chinese_characters(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))
