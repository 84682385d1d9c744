"""iA.Solutions for Plone 6: the suite of add-ons for Walloon local authorities."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.rst", "CHANGES.rst")
)

setup(
    name="iasolutions",
    version="1.0.0.dev0",
    description="iA.Solutions for Plone 6: deliberations, mail, urbanism and e-guichet "
    "for Walloon communes, CPAS and police zones",
    long_description=long_description,
    long_description_content_type="text/x-rst",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.1",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    license="GPL version 2",
    python_requires=">=3.11",
    package_dir={"": "src"},
    packages=find_namespace_packages("src", include=["iasolutions.*"]),
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "setuptools",
        "Products.CMFPlone",
        "plone.api",
        "plone.restapi",
        "eea.facetednavigation",
        "z3c.relationfield",
        "python-dateutil",
        "appy",
        "odfpy",
        "ZEO",
        "RelStorage",
        "psycopg2-binary",
        "supervisor",
        "huey",
    ],
    extras_require={
        # the jobs' records and queue on a Redis server shared by several hosts
        # (IASOLUTIONS_JOBS_REDIS, docs/operations.rst)
        "redis": ["redis"],
        "test": [
            "plone.app.testing",
            "pytest",
            "pytest-plone",
            "requests",
            "zc.buildout",
            "i18ndude",
            "ruff",
            "zpretty",
            "hypothesis",
            "plone.recipe.zope2instance",
            "redis",
        ],
    },
    entry_points={
        "console_scripts": ["iasolutions = iasolutions.policy.cli:main"],
        # first in an instance's WSGI pipeline: a storage away is a 503 (core/unavailable.py)
        "paste.filter_app_factory": [
            "storage_unavailable = iasolutions.core.unavailable:filter_app",
        ],
        "plone.autoinclude.plugin": [
            "target = plone",
            "module = iasolutions.policy",
        ],
        # The module add-ons the policy loads (iasolutions.core.zcml); a module in
        # another distribution declares itself in its own setup.py.
        "iasolutions.modules": [
            "delib = iasolutions.delib",
            "mail = iasolutions.mail",
        ],
    },
)
