"""The guidance documents that many rules cite, spelled once, so a new edition is updated in one place."""

GMC_SOCIAL_MEDIA = "GMC, Using social media as a medical professional, 2024"
OMC_STYLE_MANUAL = "OMC/CGCOM, Manual de estilo, 2014"
